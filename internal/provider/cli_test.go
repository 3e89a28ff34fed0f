package provider

import (
	"context"
	"fmt"
	"sync"
	"testing"

	"github.com/hashicorp/go-version"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/sarvamai/terraform-provider-sarvam/internal/clitest"
)

// testCLIIsOpenTofu reports whether the CLI the tests drive is OpenTofu. It
// is found as terraform-plugin-testing finds it: TF_ACC_TERRAFORM_PATH, or
// terraform on PATH.
var testCLIIsOpenTofu = sync.OnceValue(func() bool {
	cli, err := clitest.FindCLI("TF_ACC_TERRAFORM_PATH")
	return err == nil && cli.OpenTofu
})

// cliFeature is a feature of the CLI that some tests need, with the first
// release of each CLI that has it. As a version check it skips a test on a
// CLI without it; tfversion.SkipBelow cannot tell Terraform and OpenTofu
// apart, since both report a bare version number, and OpenTofu numbers its
// releases on its own.
type cliFeature struct {
	name                string
	terraform, openTofu *version.Version
}

func (f cliFeature) CheckTerraformVersion(_ context.Context, req tfversion.CheckTerraformVersionRequest, resp *tfversion.CheckTerraformVersionResponse) {
	resp.Skip = f.skipReason(testCLIIsOpenTofu(), req)
}

// skipReason is why a test of the feature cannot run on the CLI, or "" when
// it can.
func (f cliFeature) skipReason(openTofu bool, req tfversion.CheckTerraformVersionRequest) string {
	v := req.TerraformVersion
	cli, first := "Terraform", f.terraform
	if openTofu {
		cli, first = "OpenTofu", f.openTofu
	}
	if v.Core().LessThan(first) {
		return fmt.Sprintf("%s %s has no %s (%s has them from %s): skipping test", cli, v, f.name, cli, first)
	}
	return ""
}

func TestFunctionsSkipReason(t *testing.T) {
	testSkipReason(t, providerFunctions, []skipCase{
		{false, tfversion.Version1_5_0, "Terraform 1.5.0 has no provider functions (Terraform has them from 1.8.0): skipping test"},
		{false, tfversion.Version1_7_0, "Terraform 1.7.0 has no provider functions (Terraform has them from 1.8.0): skipping test"},
		{false, tfversion.Version1_8_0, ""},
		{false, tfversion.Version1_11_0, ""},
		{true, tfversion.Version1_6_0, "OpenTofu 1.6.0 has no provider functions (OpenTofu has them from 1.7.0): skipping test"},
		{true, tfversion.Version1_7_0, ""},
		{true, tfversion.Version1_8_0, ""},
	})
}

// Ephemeral resources came two releases after functions in Terraform, and
// later still in OpenTofu, whose 1.10 (numbered as Terraform's is) has none.
func TestEphemeralResourcesSkipReason(t *testing.T) {
	testSkipReason(t, ephemeralResources, []skipCase{
		{false, tfversion.Version1_8_0, "Terraform 1.8.0 has no ephemeral resources (Terraform has them from 1.10.0): skipping test"},
		{false, version.Must(version.NewVersion("1.9.8")), "Terraform 1.9.8 has no ephemeral resources (Terraform has them from 1.10.0): skipping test"},
		{false, tfversion.Version1_10_0, ""},
		{false, version.Must(version.NewVersion("1.10.0-rc1")), ""},
		{false, tfversion.Version1_11_0, ""},
		{true, tfversion.Version1_10_0, "OpenTofu 1.10.0 has no ephemeral resources (OpenTofu has them from 1.11.0): skipping test"},
		{true, tfversion.Version1_11_0, ""},
		{true, version.Must(version.NewVersion("1.12.6")), ""},
	})
}

type skipCase struct {
	openTofu bool
	version  *version.Version
	want     string
}

func testSkipReason(t *testing.T, f cliFeature, cases []skipCase) {
	t.Helper()
	for _, tc := range cases {
		if got := f.skipReason(tc.openTofu, tfversion.CheckTerraformVersionRequest{TerraformVersion: tc.version}); got != tc.want {
			t.Errorf("OpenTofu %v, %s: got %q, want %q", tc.openTofu, tc.version, got, tc.want)
		}
	}
}
