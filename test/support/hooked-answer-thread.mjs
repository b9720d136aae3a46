// The built answer thread with a test's hook in front of it. Static imports, in this order: the hook's listener is
// registered first, and both are registered before the thread receives any message (a dynamic import would let
// messages arrive before the thread listens).
import './answer-thread-hooks.mjs';
import '../../dist/src/cli/answer-thread.js';
