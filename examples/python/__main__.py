"""One Linode Object Storage key through an explicit access-keys provider, with the generated
Python SDK (pulumi_access_keys). The token is the stack's secret config `linodeToken`."""
import pulumi
import pulumi_access_keys as access_keys
from pulumi_access_keys import linode

config = pulumi.Config()

# Unset linodeUrl: LINODE_URL, else https://api.linode.com/v4.
account = access_keys.Provider("account", linode_token=config.require_secret("linodeToken"),
                               linode_url=config.get("linodeUrl"))

key = linode.ObjectStorageKey("ci", label="ci-deploys", regions=["us-east"],
                              opts=pulumi.ResourceOptions(provider=account))

pulumi.export("keyId", key.key_id)
pulumi.export("accessKey", key.access_key)
pulumi.export("secretKey", key.secret_key)  # a secret: `pulumi stack output secretKey --show-secrets`
