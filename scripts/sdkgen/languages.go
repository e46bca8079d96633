package main

import (
	"bytes"
	"fmt"
	"sort"

	dotnetgen "github.com/pulumi/pulumi/pkg/v3/codegen/dotnet"
	gogen "github.com/pulumi/pulumi/pkg/v3/codegen/go"
	nodejsgen "github.com/pulumi/pulumi/pkg/v3/codegen/nodejs"
	pythongen "github.com/pulumi/pulumi/pkg/v3/codegen/python"
	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"
)

type generator struct {
	folder   string
	generate func(pkg *schema.Package) (map[string][]byte, error)
}

var generators = map[string]generator{
	"nodejs": {"nodejs", func(pkg *schema.Package) (map[string][]byte, error) {
		return nodejsgen.GeneratePackage(tool, pkg, nil, nil, false, noLoader{})
	}},
	"python": {"python", func(pkg *schema.Package) (map[string][]byte, error) {
		files, err := pythongen.GeneratePackage(tool, pkg, nil, noLoader{})
		if err != nil {
			return nil, err
		}
		// pyproject.toml names README.md beside it, but the generator writes it only inside the
		// package folder; pip refuses a project whose readme is missing.
		if readme, ok := files[pythonPackageName(pkg)+"/README.md"]; ok {
			files["README.md"] = readme
		}
		return files, nil
	}},
	"go": {"go", func(pkg *schema.Package) (map[string][]byte, error) {
		return gogen.GeneratePackage(tool, pkg, nil)
	}},
	"dotnet": {"dotnet", func(pkg *schema.Package) (map[string][]byte, error) {
		pkg.LogoURL = logoURL // served by offline.go
		return dotnetgen.GeneratePackage(tool, pkg, nil, nil)
	}},
}

func pythonPackageName(pkg *schema.Package) string {
	if info, ok := pkg.Language["python"].(pythongen.PackageInfo); ok && info.PackageName != "" {
		return info.PackageName
	}
	return "pulumi_" + pkg.Name
}

func languageNames() []string {
	names := make([]string, 0, len(generators))
	for name := range generators {
		names = append(names, name)
	}
	sort.Strings(names)
	return names
}

// The generators' placeholders for an unversioned schema: none may survive, or the SDK would
// not pin the plugin version.
var placeholders = [][]byte{[]byte("${VERSION}"), []byte("0.0.0-dev"), []byte(`"0.0.0"`), []byte("version = \"0.0.0\"")}

func checkStamped(name string, content []byte, version string) error {
	for _, p := range placeholders {
		if bytes.Contains(content, p) {
			return fmt.Errorf("%s still holds the placeholder %s instead of version %s", name, p, version)
		}
	}
	return nil
}
