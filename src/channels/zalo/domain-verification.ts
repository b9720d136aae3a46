import type { HttpRoute } from '../http/http-route.js';

/**
 * The file Zalo fetches to verify that the webhook's domain is ours: `/zalo_verifier<code>.html` at the site root,
 * carrying the `zalo-platform-site-verification` meta tag with the code from the Zalo developer console.
 */
export function createZaloDomainVerificationRoute(code: string): HttpRoute {
  const page = `<!DOCTYPE html>
<html lang="vi">
<head>
<meta property="zalo-platform-site-verification" content="${code}" />
</head>
<body>Zalo domain verification for Hỏi Phường.</body>
</html>
`;
  return {
    method: 'GET',
    path: `/zalo_verifier${code}.html`,
    handle: async () => ({ status: 200, headers: { 'content-type': 'text/html; charset=utf-8' }, body: page }),
  };
}
