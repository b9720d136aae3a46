/**
 * What Discord's API refuses in a message body (https://discord.com/developers/docs/resources/message,
 * /components/reference): the stand-in answers such a body with 400 "Invalid Form Body" (code 50035), as Discord does,
 * so a reply that would fail for real fails the tests too.
 */
export const DISCORD_LIMITS = {
  content: 2000,
  embeds: 10,
  embedTotal: 6000,
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  author: 256,
  actionRows: 5,
  rowComponents: 5,
  customId: 100,
  label: 80,
} as const;

/** Discord counts characters as UTF-16 code units would not: it counts code points. */
const length = (text: unknown) => (typeof text === 'string' ? [...text].length : 0);

/** Every limit a message body (create, edit, interaction reply data) breaks, as Discord's error paths; empty when valid. */
export function discordMessageProblems(body: any): string[] {
  const problems: string[] = [];
  if (!body || typeof body !== 'object') return problems;
  if (length(body.content) > DISCORD_LIMITS.content) problems.push(`content: Must be ${DISCORD_LIMITS.content} or fewer in length.`);
  const embeds: any[] = Array.isArray(body.embeds) ? body.embeds : [];
  if (embeds.length > DISCORD_LIMITS.embeds) problems.push(`embeds: Must be ${DISCORD_LIMITS.embeds} or fewer in length.`);
  let total = 0;
  embeds.forEach((embed, index) => {
    const at = `embeds.${index}`;
    const check = (name: string, text: unknown, max: number, min = 0) => {
      const size = length(text);
      total += size;
      if (text !== undefined && (size > max || size < min)) problems.push(`${at}.${name}: Must be between ${min} and ${max} in length.`);
    };
    check('title', embed.title, DISCORD_LIMITS.title);
    check('description', embed.description, DISCORD_LIMITS.description);
    check('footer.text', embed.footer?.text, DISCORD_LIMITS.footer);
    check('author.name', embed.author?.name, DISCORD_LIMITS.author);
    const fields: any[] = Array.isArray(embed.fields) ? embed.fields : [];
    if (fields.length > DISCORD_LIMITS.fields) problems.push(`${at}.fields: Must be ${DISCORD_LIMITS.fields} or fewer in length.`);
    fields.forEach((field, fieldIndex) => {
      check(`fields.${fieldIndex}.name`, field.name ?? '', DISCORD_LIMITS.fieldName, 1);
      check(`fields.${fieldIndex}.value`, field.value ?? '', DISCORD_LIMITS.fieldValue, 1);
    });
  });
  if (total > DISCORD_LIMITS.embedTotal) problems.push(`embeds: Embed size exceeds maximum size of ${DISCORD_LIMITS.embedTotal}.`);
  const rows: any[] = Array.isArray(body.components) ? body.components : [];
  if (rows.length > DISCORD_LIMITS.actionRows) problems.push(`components: Must be ${DISCORD_LIMITS.actionRows} or fewer in length.`);
  const customIds = new Set<string>();
  rows.forEach((row, rowIndex) => {
    const components: any[] = Array.isArray(row.components) ? row.components : [];
    if (row.type !== 1) problems.push(`components.${rowIndex}.type: A top-level component must be an action row.`);
    if (components.length < 1 || components.length > DISCORD_LIMITS.rowComponents) {
      problems.push(`components.${rowIndex}.components: Must be between 1 and ${DISCORD_LIMITS.rowComponents} in length.`);
    }
    components.forEach((component, index) => {
      const at = `components.${rowIndex}.components.${index}`;
      if (component.type !== 2) return;
      if (length(component.label) > DISCORD_LIMITS.label) problems.push(`${at}.label: Must be ${DISCORD_LIMITS.label} or fewer in length.`);
      if (component.style === 5) {
        if (typeof component.url !== 'string' || component.custom_id !== undefined) problems.push(`${at}: A link button needs a url and no custom_id.`);
        return;
      }
      const id = component.custom_id;
      if (typeof id !== 'string' || length(id) < 1 || length(id) > DISCORD_LIMITS.customId) {
        problems.push(`${at}.custom_id: Must be between 1 and ${DISCORD_LIMITS.customId} in length.`);
      } else if (customIds.has(id)) {
        problems.push(`${at}.custom_id: Component custom id cannot be duplicated.`);
      } else customIds.add(id);
    });
  });
  return problems;
}
