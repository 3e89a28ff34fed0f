package provider

import (
	"archive/zip"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	dsschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/ephemeral"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/hashicorp/terraform-plugin-testing/echoprovider"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/sarvamai/terraform-provider-sarvam/internal/client"
	"github.com/sarvamai/terraform-provider-sarvam/internal/fakeapi"
)

// The ephemeral sarvam_webhook_config is tested through the CLI, its result
// passed to the configuration of terraform-plugin-testing's echo provider,
// whose echo resource stores what its configuration was given: the only
// way a test can see an ephemeral value.

// ephemeralVersions skips a test on CLI releases without ephemeral
// resources: Terraform below 1.10, OpenTofu below 1.11.
var ephemeralVersions = []tfversion.TerraformVersionCheck{ephemeralResources}

// echoProviders are the provider under test and the echo provider.
var echoProviders = map[string]func() (tfprotov6.ProviderServer, error){
	"sarvam": testProviders["sarvam"],
	"echo":   echoprovider.NewProviderServer(),
}

// echoRequiredProviders names both providers; the test harness serves
// them in the namespace TestMain sets.
const echoRequiredProviders = `
terraform {
  required_providers {
    sarvam = { source = "sarvamai/sarvam" }
    echo   = { source = "sarvamai/echo" }
  }
}
`

const (
	ephemeralWebhookAddr = "ephemeral.sarvam_webhook_config.test"
	echoAddr             = "echo.test"
)

// ephemeralWebhookConfig is the provider block for the fake at url, an
// ephemeral sarvam_webhook_config with one argument, and the echo provider
// configured with data, which the echo resource then stores.
func ephemeralWebhookConfig(url, arg, value, data string) string {
	return echoRequiredProviders + strings.TrimPrefix(providerBlock(url), requiredProviders) + fmt.Sprintf(`
ephemeral "sarvam_webhook_config" "test" {
  %s = %q
}

provider "echo" {
  data = %s
}

resource "echo" "test" {}
`, arg, value, data)
}

func expectEchoed(v knownvalue.Check) statecheck.StateCheck {
	return statecheck.ExpectKnownValue(echoAddr, tfjsonpath.New("data"), v)
}

// withHeaders is every attribute of fakeapi.WebhookWithHeadersID, as the
// data source reads it (TestWebhookConfigDataSource_fidelity).
func withHeaders() knownvalue.Check {
	return knownvalue.ObjectExact(map[string]knownvalue.Check{
		"webhook_id": knownvalue.StringExact(fakeapi.WebhookWithHeadersID),
		"name":       knownvalue.StringExact("CRM attempt updates"),
		"url":        knownvalue.StringExact("https://crm.example.in/hooks/sarvam"),
		"custom_headers": knownvalue.MapExact(map[string]knownvalue.Check{
			"Authorization": knownvalue.StringExact(fakeapi.WebhookAuthHeaderValue),
			"X-Team":        knownvalue.StringExact("collections"),
		}),
		"created_by":   knownvalue.StringExact("priya.raman@example.in"),
		"created_at":   knownvalue.StringExact("2026-10-20T07:15:00Z"),
		"updated_at":   knownvalue.StringExact("2026-10-25T12:00:00Z"),
		"updated_by":   knownvalue.StringExact("arjun.mehta@example.in"),
		"org_id":       knownvalue.StringExact(fakeapi.OrgID),
		"workspace_id": knownvalue.StringExact(fakeapi.WorkspaceID),
	})
}

// echoTest applies config and checks what the echo resource stored. Each
// config is a test case of its own: the echo resource takes its data when
// it is created, and keeps it.
func echoTest(t *testing.T, config string, checks ...statecheck.StateCheck) {
	t.Helper()
	resource.UnitTest(t, resource.TestCase{
		TerraformVersionChecks:   ephemeralVersions,
		ProtoV6ProviderFactories: echoProviders,
		Steps:                    []resource.TestStep{{Config: config, ConfigStateChecks: checks}},
	})
}

// By id, the whole configuration reaches another provider's configuration
// exactly, headers included; one without headers has them null.
func TestWebhookConfigEphemeral_byID(t *testing.T) {
	t.Parallel()
	_, url := startFake(t)
	echoTest(t, ephemeralWebhookConfig(url, "webhook_id", fakeapi.WebhookWithHeadersID, ephemeralWebhookAddr), expectEchoed(withHeaders()))
	echoTest(t, ephemeralWebhookConfig(url, "webhook_id", fakeapi.WebhookNoHeadersID, ephemeralWebhookAddr),
		statecheck.ExpectKnownValue(echoAddr, tfjsonpath.New("data").AtMapKey("custom_headers"), knownvalue.Null()),
		statecheck.ExpectKnownValue(echoAddr, tfjsonpath.New("data").AtMapKey("updated_by"), knownvalue.Null()),
		statecheck.ExpectKnownValue(echoAddr, tfjsonpath.New("data").AtMapKey("url"), knownvalue.StringExact("https://analytics.example.in/ingest")),
	)
}

// By name, the one named exactly so is read, not its twin that differs
// only in case; a header reaches the provider's configuration through a
// local value.
func TestWebhookConfigEphemeral_byName(t *testing.T) {
	t.Parallel()
	_, url := startFake(t)
	echoTest(t, ephemeralWebhookConfig(url, "name", "CRM attempt updates", ephemeralWebhookAddr), expectEchoed(withHeaders()))
	echoTest(t, ephemeralWebhookConfig(url, "name", "CRM Attempt Updates", "local.receiver")+`
locals {
  receiver = {
    id   = ephemeral.sarvam_webhook_config.test.webhook_id
    team = ephemeral.sarvam_webhook_config.test.custom_headers["X-Team"]
  }
}
`, expectEchoed(knownvalue.ObjectExact(map[string]knownvalue.Check{
		"id":   knownvalue.StringExact(fakeapi.WebhookCaseTwinID),
		"team": knownvalue.StringExact("collections-legacy"),
	})))
}

// failure applies config, which must fail, and returns the diagnostic the
// CLI printed: its summary and detail, without the lines that say where in
// the configuration it points, which name the block.
func failure(t *testing.T, providers map[string]func() (tfprotov6.ProviderServer, error), config string) string {
	t.Helper()
	got := applyError(t, ephemeralVersions, providers, config)
	if t.Skipped() {
		return ""
	}
	var kept []string
	for line := range strings.Lines(got.Error()) {
		trimmed := strings.TrimSpace(line)
		if strings.HasPrefix(trimmed, "with ") || strings.HasPrefix(trimmed, "on ") || regexp.MustCompile(`^\d+:`).MatchString(trimmed) {
			continue
		}
		kept = append(kept, strings.Join(strings.Fields(trimmed), " "))
	}
	text := strings.Join(strings.Fields(strings.Join(kept, " ")), " ")
	_, diagnostic, found := strings.Cut(text, "Error: ")
	if !found {
		t.Fatalf("no diagnostic in the error: %s", got)
	}
	return diagnostic
}

// What the ephemeral resource cannot read it reports as the data source
// does, word for word: a webhook_id or a name that is not found, neither or
// both of them, and a provider without a key.
func TestWebhookConfigEphemeral_errorsAsTheDataSource(t *testing.T) {
	t.Parallel()
	_, url := startFake(t)
	withoutKey := requiredProviders + fmt.Sprintf("\nprovider \"sarvam\" {\n  base_url     = %q\n  org_id       = %q\n  workspace_id = %q\n}\n", url, fakeapi.OrgID, fakeapi.WorkspaceID)
	for _, tc := range []struct {
		name, args, want string
		// provider is the provider block, when not providerBlock's.
		provider string
	}{
		{"id not found", `webhook_id = "wh-missing"`,
			`^Webhook configuration not found Reading webhook configuration "wh-missing" in workspace "ws-collections" of org "org-acme-finance": .*HTTP 404.* Check webhook_id, and that org_id and workspace_id`, ""},
		{"name not found", `name = "No such hook"`,
			`^Webhook configuration not found No webhook configuration in workspace "ws-collections" of org "org-acme-finance" is named exactly "No such hook" \(names are matched case-sensitively\)\. To see which webhook configurations exist, read the sarvam_webhook_configs data source`, ""},
		{"neither", ``, `^Missing Attribute Configuration Exactly one of these attributes must be configured: \[webhook_id,name\]$`, ""},
		{"both", `webhook_id = "` + fakeapi.WebhookWithHeadersID + `"` + "\n  name = \"CRM attempt updates\"",
			`^Invalid Attribute Combination Exactly one of these attributes must be configured: \[webhook_id,name\]$`, ""},
		{"no key", `webhook_id = "` + fakeapi.WebhookWithHeadersID + `"`,
			`^Missing Sarvam API key The provider needs an API key to read sarvam_webhook_config\. Set the api_key attribute`, withoutKey},
	} {
		t.Run(tc.name, func(t *testing.T) {
			head := providerBlock(url)
			if tc.provider != "" {
				head = tc.provider
			}
			fromEphemeral := failure(t, echoProviders, echoRequiredProviders+strings.TrimPrefix(head, requiredProviders)+
				"\nephemeral \"sarvam_webhook_config\" \"test\" {\n  "+tc.args+"\n}\n\nprovider \"echo\" {\n  data = "+ephemeralWebhookAddr+"\n}\n\nresource \"echo\" \"test\" {}\n")
			if t.Skipped() {
				return
			}
			fromDataSource := failure(t, testProviders, head+"\ndata \"sarvam_webhook_config\" \"test\" {\n  "+tc.args+"\n}\n")
			if !regexp.MustCompile(tc.want).MatchString(fromEphemeral) {
				t.Errorf("the ephemeral resource reports\n%s\nwant a match for %s", fromEphemeral, tc.want)
			}
			if fromEphemeral != fromDataSource {
				t.Errorf("the ephemeral resource reports\n%s\nthe data source\n%s", fromEphemeral, fromDataSource)
			}
			if strings.Contains(fromEphemeral, testKey) {
				t.Errorf("the key is in the diagnostic: %s", fromEphemeral)
			}
		})
	}
}

// The header read by the ephemeral resource reaches another provider's
// configuration, as its SHA-256 stored there shows, and is in no file
// Terraform writes (the state, the saved plan, and what `terraform show
// -json` makes of them) and in no line of the trace log of Terraform and
// both providers.
func TestWebhookConfigEphemeral_headerNeverStored(t *testing.T) {
	_, url := startFake(t)
	secret := fakeapi.WebhookAuthHeaderValue
	sum := sha256.Sum256([]byte(secret))
	digest := hex.EncodeToString(sum[:])

	logFile := filepath.Join(t.TempDir(), "trace.log")
	t.Setenv("TF_ACC_LOG_PATH", logFile)
	t.Setenv("TF_LOG", "TRACE")
	workDir := t.TempDir()
	t.Setenv("TF_ACC_PERSIST_WORKING_DIR", "1")

	config := ephemeralWebhookConfig(url, "webhook_id", fakeapi.WebhookWithHeadersID, `{
    url                  = ephemeral.sarvam_webhook_config.test.url
    authorization_sha256 = sha256(ephemeral.sarvam_webhook_config.test.custom_headers["Authorization"])
  }`)
	var planFiles int
	resource.UnitTest(t, resource.TestCase{
		TerraformVersionChecks:   ephemeralVersions,
		ProtoV6ProviderFactories: echoProviders,
		WorkingDir:               workDir,
		Steps: []resource.TestStep{{
			Config: config,
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				// terraform show -json of the saved plan.
				planHasNo{secret},
				// The saved plan itself, a zip archive, while it exists.
				planCheckFunc(func() error {
					n, err := filesHaveNo(workDir, secret, fakeapi.WebhookWithHeadersID, "tfplan")
					planFiles = n
					return err
				}),
			}},
			ConfigStateChecks: []statecheck.StateCheck{
				// terraform show -json of the state.
				stateHasNo{secret, digest},
				// The state file itself.
				stateCheckFunc(func() error {
					_, err := filesHaveNo(workDir, secret, digest, "terraform.tfstate")
					return err
				}),
				expectEchoed(knownvalue.ObjectExact(map[string]knownvalue.Check{
					"url":                  knownvalue.StringExact("https://crm.example.in/hooks/sarvam"),
					"authorization_sha256": knownvalue.StringExact(digest),
				})),
			},
		}},
	})
	if t.Skipped() {
		return
	}
	if planFiles == 0 {
		t.Fatal("no saved plan was found to check")
	}
	// Every file left in the working directory after the destroy: the
	// state, its backup from before the destroy, the configuration, the
	// lock file.
	if _, err := filesHaveNo(workDir, secret, digest, "terraform.tfstate.backup"); err != nil {
		t.Fatal(err)
	}

	raw, err := os.ReadFile(logFile)
	if err != nil {
		t.Fatal(err)
	}
	log := string(raw)
	// The log must hold the ephemeral resource's read, or its silence
	// proves nothing.
	for _, want := range []string{"OpenEphemeralResource", "Sarvam API response body", fakeapi.WebhookWithHeadersID} {
		if !strings.Contains(log, want) {
			t.Errorf("trace log has no %q; was it captured? (%d bytes)", want, len(log))
		}
	}
	if i := strings.Index(log, secret); i >= 0 {
		t.Fatalf("the header is in the trace log: …%s…", log[max(0, i-300):min(len(log), i+50)])
	}
}

type planCheckFunc func() error

type stateCheckFunc func() error

func (f stateCheckFunc) CheckState(_ context.Context, _ statecheck.CheckStateRequest, resp *statecheck.CheckStateResponse) {
	resp.Error = f()
}

func (f planCheckFunc) CheckPlan(_ context.Context, _ plancheck.CheckPlanRequest, resp *plancheck.CheckPlanResponse) {
	resp.Error = f()
}

// filesHaveNo reads every file below dir, and each file inside a zip
// archive (a saved plan is one), and fails when any holds secret. A file
// named must be among them and hold mustHave, or the check would prove
// nothing. It returns how many files were named so.
func filesHaveNo(dir, secret, mustHave, named string) (int, error) {
	var found int
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || !d.Type().IsRegular() {
			return err
		}
		contents, err := fileContents(p)
		if err != nil {
			return err
		}
		for inner, b := range contents {
			if bytes.Contains(b, []byte(secret)) {
				return fmt.Errorf("the secret is in %s%s", p, inner)
			}
		}
		if d.Name() != named {
			return nil
		}
		found++
		for _, b := range contents {
			if bytes.Contains(b, []byte(mustHave)) {
				return nil
			}
		}
		return fmt.Errorf("%s does not hold %q; the check would prove nothing", p, mustHave)
	})
	if err == nil && found == 0 {
		err = fmt.Errorf("no file named %s below %s; the check would prove nothing", named, dir)
	}
	return found, err
}

// fileContents is a file's bytes, or for a zip archive each member's,
// keyed by ":" and the member's name.
func fileContents(p string) (map[string][]byte, error) {
	b, err := os.ReadFile(p)
	if err != nil {
		return nil, err
	}
	if !bytes.HasPrefix(b, []byte("PK\x03\x04")) {
		return map[string][]byte{"": b}, nil
	}
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", p, err)
	}
	out := map[string][]byte{}
	for _, f := range zr.File {
		r, err := f.Open()
		if err != nil {
			return nil, err
		}
		member, err := io.ReadAll(r)
		r.Close()
		if err != nil {
			return nil, err
		}
		out[":"+f.Name] = member
	}
	return out, nil
}

// filesHaveNo finds a secret in a compressed member of a zip archive, as
// in a saved plan, and requires the file it is told to expect.
func TestFilesHaveNo(t *testing.T) {
	dir := t.TempDir()
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	w, err := zw.Create("tfplan/state")
	if err != nil {
		t.Fatal(err)
	}
	fmt.Fprintf(w, "%s and the secret %s", strings.Repeat("compressible ", 100), fakeapi.WebhookAuthHeaderValue)
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(b.Bytes(), []byte(fakeapi.WebhookAuthHeaderValue)) {
		t.Fatal("the archive is not compressed; the test would prove nothing")
	}
	if err := os.WriteFile(filepath.Join(dir, "tfplan"), b.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	_, err = filesHaveNo(dir, fakeapi.WebhookAuthHeaderValue, "compressible", "tfplan")
	if want := "the secret is in " + filepath.Join(dir, "tfplan") + ":tfplan/state"; err == nil || err.Error() != want {
		t.Errorf("got %v, want %s", err, want)
	}
	if n, err := filesHaveNo(dir, "not there", "compressible", "tfplan"); n != 1 || err != nil {
		t.Errorf("got %d, %v; want 1 file checked, no error", n, err)
	}
	if _, err := filesHaveNo(dir, "not there", "absent", "tfplan"); err == nil || !strings.Contains(err.Error(), `does not hold "absent"`) {
		t.Errorf("got %v, want the check to prove nothing", err)
	}
	if _, err := filesHaveNo(dir, "not there", "compressible", "terraform.tfstate"); err == nil || !strings.Contains(err.Error(), "no file named terraform.tfstate") {
		t.Errorf("got %v, want no file found", err)
	}
}

// The ephemeral resource declares the data source's attributes, each with
// the same type, flags, description and validators, custom_headers
// sensitive; and a kind of attribute it cannot convert is refused.
func TestWebhookConfigEphemeral_schemaIsTheDataSources(t *testing.T) {
	ctx := context.Background()
	p, ok := New("test")().(provider.ProviderWithEphemeralResources)
	if !ok {
		t.Fatal("the provider has no ephemeral resources")
	}
	constructors := p.EphemeralResources(ctx)
	if len(constructors) != 1 {
		t.Fatalf("the provider registers %d ephemeral resources, want 1", len(constructors))
	}
	e := constructors[0]()
	var meta ephemeral.MetadataResponse
	e.Metadata(ctx, ephemeral.MetadataRequest{ProviderTypeName: "sarvam"}, &meta)
	if meta.TypeName != "sarvam_webhook_config" {
		t.Fatalf("type name %q", meta.TypeName)
	}
	var resp ephemeral.SchemaResponse
	e.Schema(ctx, ephemeral.SchemaRequest{}, &resp)
	if diags := resp.Schema.ValidateImplementation(ctx); diags.HasError() {
		t.Fatalf("schema is invalid: %v", diags)
	}
	ds := schemaOf(newWebhookConfigDataSource())
	if got, want := sortedKeys(resp.Schema.Attributes), sortedKeys(ds.Attributes); !slices.Equal(got, want) {
		t.Fatalf("attributes %v, want the data source's %v", got, want)
	}
	for name, a := range resp.Schema.Attributes {
		d := ds.Attributes[name]
		if !a.GetType().Equal(d.GetType()) || a.IsOptional() != d.IsOptional() || a.IsComputed() != d.IsComputed() || a.IsRequired() != d.IsRequired() ||
			a.IsSensitive() != d.IsSensitive() || a.GetMarkdownDescription() != d.GetMarkdownDescription() {
			t.Errorf("%s: %#v differs from the data source's %#v", name, a, d)
		}
		if got, want := len(stringValidators(a)), len(stringValidators(d)); got != want {
			t.Errorf("%s: %d validators, the data source has %d", name, got, want)
		}
	}
	if !resp.Schema.Attributes["custom_headers"].IsSensitive() {
		t.Error("custom_headers is not sensitive")
	}
	if v, ok := e.(ephemeral.EphemeralResourceWithConfigValidators); !ok || len(v.ConfigValidators(ctx)) != 1 {
		t.Error("the ephemeral resource does not have the data source's one config validator")
	}
	defer func() {
		if r := recover(); r == nil || !strings.Contains(fmt.Sprint(r), "attribute n: schema.BoolAttribute has no ephemeral counterpart here") {
			t.Errorf("converting a bool attribute: got %v, want a panic that names it", r)
		}
	}()
	ephemeralAttributes(map[string]dsschema.Attribute{"n": dsschema.BoolAttribute{Computed: true}})
}

// stringValidators are a string attribute's validators, of either package.
func stringValidators(a any) []validator.String {
	if v, ok := a.(interface{ StringValidators() []validator.String }); ok {
		return v.StringValidators()
	}
	return nil
}

// A panic while the ephemeral resource reads becomes the diagnostic the data
// source gives, with the key masked.
func TestWebhookConfigEphemeral_panicBecomesDiagnosticWithoutKey(t *testing.T) {
	c, err := client.New(client.Config{BaseURL: "https://apps.example.com", APIKey: testKey, Transport: panickingTransport{}})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	e := newWebhookConfigEphemeralResource()
	configurable, ok := e.(ephemeral.EphemeralResourceWithConfigure)
	if !ok {
		t.Fatal("the ephemeral resource cannot be configured")
	}
	var cresp ephemeral.ConfigureResponse
	configurable.Configure(ctx, ephemeral.ConfigureRequest{ProviderData: &providerData{client: c, apiKey: testKey, orgID: "o", workspaceID: "w"}}, &cresp)
	if cresp.Diagnostics.HasError() {
		t.Fatalf("configure: %v", cresp.Diagnostics)
	}
	var sresp ephemeral.SchemaResponse
	e.Schema(ctx, ephemeral.SchemaRequest{}, &sresp)
	read, _ := readRequestWith(t, ctx, newWebhookConfigDataSource(), map[string]tftypes.Value{"webhook_id": tftypes.NewValue(tftypes.String, "wh-1")})
	req := ephemeral.OpenRequest{Config: tfsdk.Config{Schema: sresp.Schema, Raw: read.Config.Raw}}
	resp := &ephemeral.OpenResponse{Result: tfsdk.EphemeralResultData{Schema: sresp.Schema, Raw: tftypes.NewValue(read.Config.Raw.Type(), nil)}}
	e.Open(ctx, req, resp)

	if !resp.Diagnostics.HasError() {
		t.Fatal("want an error diagnostic after the panic")
	}
	d := resp.Diagnostics.Errors()[0]
	text := d.Summary() + " " + d.Detail()
	if want := "Internal error in the sarvam provider Reading sarvam_webhook_config failed unexpectedly: boom with header [REDACTED]."; !strings.HasPrefix(text, want) {
		t.Fatalf("got %q, want it to begin %q", text, want)
	}
	if strings.Contains(text, testKey) {
		t.Fatalf("the key is in the diagnostic: %s", text)
	}
}
