// Command sdkgen writes the access-keys SDKs, sdk/{nodejs,python,go,dotnet}, from the provider
// plugin's schema (provider/plugin/schema.json) with Pulumi's own code generators, stamped with
// the package's version so each SDK asks the engine for the matching plugin (docs/sdks.md).
//
// `pulumi package gen-sdk` cannot do this here: the v3.68 language hosts predate GeneratePackage
// (docs/sdks.md#why-a-codegen-tool). scripts/sdkgen.sh builds and caches this tool; `npm run sdk`
// runs it.
//
//	sdkgen -schema provider/plugin/schema.json -version 0.1.0 -out sdk [-languages nodejs,python]
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"
)

// The name the generators write into each file's "do not edit" header.
const tool = "pulumi-access-keys sdkgen"

func main() {
	schemaPath := flag.String("schema", "provider/plugin/schema.json", "the plugin's schema")
	version := flag.String("version", "", "the package version stamped into every SDK (package.json's)")
	out := flag.String("out", "sdk", "the folder that receives one sub-folder per language")
	languages := flag.String("languages", strings.Join(languageNames(), ","), "the languages to write")
	flag.Parse()
	if err := run(*schemaPath, *version, *out, strings.Split(*languages, ",")); err != nil {
		fmt.Fprintf(os.Stderr, "sdkgen: %v\n", err)
		os.Exit(1)
	}
}

func run(schemaPath, version, out string, languages []string) error {
	if version == "" {
		return fmt.Errorf("-version is required (the plugin version each SDK pins)")
	}
	text, err := os.ReadFile(schemaPath)
	if err != nil {
		return err
	}
	for _, lang := range languages {
		gen, ok := generators[lang]
		if !ok {
			return fmt.Errorf("unknown language %q (known: %s)", lang, strings.Join(languageNames(), ", "))
		}
		// A fresh bind per language: the generators record their options in the package.
		pkg, err := bind(text, version)
		if err != nil {
			return err
		}
		files, err := gen.generate(pkg)
		if err != nil {
			return fmt.Errorf("%s: %w", lang, err)
		}
		if err := writeFolder(filepath.Join(out, gen.folder), files, version); err != nil {
			return fmt.Errorf("%s: %w", lang, err)
		}
		fmt.Printf("wrote %s (%d files)\n", filepath.Join(out, gen.folder), len(files))
	}
	return nil
}

// bind parses and validates the schema with the version set; any error diagnostic fails.
func bind(text []byte, version string) (*schema.Package, error) {
	var spec schema.PackageSpec
	if err := json.Unmarshal(text, &spec); err != nil {
		return nil, fmt.Errorf("schema: %w", err)
	}
	spec.Version = version
	// noLoader: the schema references no other package (a nil loader panics).
	pkg, diags, err := schema.BindSpec(spec, noLoader{}, schema.ValidationOptions{})
	if err != nil {
		return nil, fmt.Errorf("schema: %w", err)
	}
	if diags.HasErrors() {
		return nil, fmt.Errorf("schema: %s", diags.Error())
	}
	return pkg, nil
}

// writeFolder replaces dir with exactly the generated files (a file the generator no longer
// writes must not linger), after checking no version placeholder is left.
func writeFolder(dir string, files map[string][]byte, version string) error {
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		if err := checkStamped(name, files[name], version); err != nil {
			return err
		}
	}
	if err := os.RemoveAll(dir); err != nil {
		return err
	}
	for _, name := range names {
		path := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(path, files[name], 0o644); err != nil {
			return err
		}
	}
	return nil
}
