module github.com/pulumi-access-keys/pulumi-access-keys/sdk/go

go 1.20

require github.com/pulumi/pulumi/sdk/v3 v3.30.0
