/**
 * Registers the test-only Widgets cloud in the provider's registry (provider/clouds.ts): the one
 * line a fourth cloud adds. Loaded by the test, and by the provider host through `--require`
 * (host-build.ts), where it registers into the same registry the runtime reads.
 */
import { registerCloud } from "../../provider/clouds";
import { widgetsCloud } from "./provider";

registerCloud(widgetsCloud);
