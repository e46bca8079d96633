// One Linode Object Storage key through an explicit access-keys provider, with the generated Go
// SDK. The token comes from the stack's secret config `linodeToken` (see README.md).
package main

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/config"

	accesskeys "github.com/pulumi-access-keys/pulumi-access-keys/sdk/go/accesskeys"
	"github.com/pulumi-access-keys/pulumi-access-keys/sdk/go/accesskeys/linode"
)

func main() {
	pulumi.Run(func(ctx *pulumi.Context) error {
		cfg := config.New(ctx, "")
		args := &accesskeys.ProviderArgs{LinodeToken: cfg.RequireSecret("linodeToken")}
		// Unset: LINODE_URL, else https://api.linode.com/v4.
		if url := cfg.Get("linodeUrl"); url != "" {
			args.LinodeUrl = pulumi.String(url)
		}
		account, err := accesskeys.NewProvider(ctx, "account", args)
		if err != nil {
			return err
		}
		key, err := linode.NewObjectStorageKey(ctx, "ci", &linode.ObjectStorageKeyArgs{
			Label:   pulumi.String("ci-deploys"),
			Regions: pulumi.StringArray{pulumi.String("us-east")},
		}, pulumi.Provider(account))
		if err != nil {
			return err
		}
		ctx.Export("keyId", key.KeyId)
		ctx.Export("accessKey", key.AccessKey)
		ctx.Export("secretKey", key.SecretKey) // a secret: `pulumi stack output secretKey --show-secrets`
		return nil
	})
}
