/**
 * A wrong organization or region (a typo in the program or the settings) is reported naming the
 * field and the value sent, as Katapult's own 404 codes say; only a 404 Katapult did not explain
 * (a route-level `route_not_found`) keeps the hint that the API URL may be wrong.
 */
import { ValidationError, UnexpectedStatusError } from "../../provider/shared/http/errors";
import { authorizationOf, emulatorProvider, Props, testedClouds } from "../helpers/clouds";
import { fileEmulator, testContext } from "../helpers/emulator";

const emulator = fileEmulator();
const cloud = testedClouds().find((c) => c.name === "katapult")!;

async function createError(args: Props, provider = emulatorProvider(cloud, emulator)): Promise<Error> {
  const checked = await provider.check({}, { logicalName: "k", organization: { subDomain: "emulator" }, ...args });
  expect(checked.failures ?? []).toEqual([]);
  return provider.create(checked.inputs as Props).then(() => { throw new Error("the create succeeded"); }, (e: Error) => e);
}

test("a region Katapult has no object storage in is named, with the region it does have", async () => {
  const err = await createError({ region: "uk-lon1" });
  expect(err).toBeInstanceOf(ValidationError);
  expect(err.message).toContain('[object_storage_cluster_not_found] (field "region")');
  expect(err.message).toContain('no object storage region "uk-lon1"');
  expect(err.message).toContain("`katapult:region` / KATAPULT_REGION");
  expect(err.message).toContain("uk-lon-1");
  expect(err.message).not.toContain("API URL");
  expect(emulator.cloud("katapult").inventory()).toEqual([]);
});

test.each([
  [{ subDomain: "emulatr" }, 'organization sub-domain "emulatr"'],
  [{ id: "org_NoSuchOrganization" }, 'organization id "org_NoSuchOrganization"'],
])("an organization Katapult does not know (%j) is named with the value sent", async (organization, named) => {
  const err = await createError({ organization });
  expect(err).toBeInstanceOf(ValidationError);
  expect(err.message).toContain('[organization_not_found] (field "organization")');
  expect(err.message).toContain(named);
  expect(err.message).toContain("`katapult:organization` / KATAPULT_ORGANIZATION");
  expect(err.message).not.toContain("API URL");
});

test("a 404 for the route itself (a wrong API URL) still says the URL may be wrong", async () => {
  const wrongUrl = () => testContext(`${emulator.url("katapult")}/v2`, authorizationOf(cloud));
  const err = await createError({}, cloud.harness.provider(wrongUrl));
  expect(err).toBeInstanceOf(UnexpectedStatusError);
  expect(err.message).toContain("[route_not_found]");
  expect(err.message).toContain("the API URL may point at something other than the Katapult API");
});
