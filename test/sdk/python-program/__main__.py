"""Two Linode accounts, Katapult and Bird through explicit providers of the generated Python SDK."""
import pulumi
import pulumi_access_keys as access_keys
from pulumi_access_keys import bird, katapult, linode

config = pulumi.Config()


def account(name: str, **settings) -> access_keys.Provider:
    return access_keys.Provider(name, **settings)


linode_one = account("linodeOne", linode_token=config.require_secret("linodeOneToken"), linode_url=config.require("linodeUrl"))
linode_two = account("linodeTwo", linode_token=config.require_secret("linodeTwoToken"), linode_url=config.require("linodeUrl"))
katapult_account = account("katapult", katapult_api_key=config.require_secret("katapultToken"),
                           katapult_api_url=config.require("katapultUrl"), katapult_organization="one")
bird_account = account("bird", bird_access_key=config.require_secret("birdToken"), bird_api_url=config.require("birdUrl"),
                       bird_organization_id=config.require("birdOrganization"))

key_one = linode.ObjectStorageKey("keyOne", label="python-one", regions=["us-east"],
                                  opts=pulumi.ResourceOptions(provider=linode_one))
key_two = linode.ObjectStorageKey("keyTwo", label="python-two", regions=["us-east"],
                                  opts=pulumi.ResourceOptions(provider=linode_two))
kat_key = katapult.ObjectStorageAccessKey("katKey", all_buckets_read=True,
                                          opts=pulumi.ResourceOptions(provider=katapult_account))
bird_key = bird.AccessKey("birdKey", description="CI deploys", opts=pulumi.ResourceOptions(provider=bird_account))

pulumi.export("linodeOneId", key_one.id)
pulumi.export("linodeOneSecret", key_one.secret_key)
pulumi.export("linodeTwoId", key_two.id)
pulumi.export("katapultId", kat_key.id)
pulumi.export("katapultSecret", kat_key.secret_access_key)
pulumi.export("birdId", bird_key.id)
pulumi.export("birdSecret", bird_key.access_key)
