package provider

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/tfversion"
)

// testCLIIsOpenTofu reports whether the CLI the tests drive is OpenTofu. It
// is found as terraform-plugin-testing finds it: TF_ACC_TERRAFORM_PATH, or
// terraform on PATH.
var testCLIIsOpenTofu = sync.OnceValue(func() bool {
	cli := os.Getenv("TF_ACC_TERRAFORM_PATH")
	if cli == "" {
		cli = "terraform"
	}
	// OpenTofu may print warnings about its CLI configuration first.
	out, _ := exec.Command(cli, "version").Output()
	for line := range strings.Lines(string(out)) {
		if strings.HasPrefix(line, "OpenTofu v") {
			return true
		}
	}
	return false
})

// skipWithoutFunctions skips a test on a CLI without provider functions:
// Terraform below 1.8, OpenTofu below 1.7. tfversion.SkipBelow cannot tell
// the two apart, since both report a bare version number.
type skipWithoutFunctions struct{}

func (skipWithoutFunctions) CheckTerraformVersion(_ context.Context, req tfversion.CheckTerraformVersionRequest, resp *tfversion.CheckTerraformVersionResponse) {
	resp.Skip = functionsSkipReason(testCLIIsOpenTofu(), req)
}

// functionsSkipReason is why a test of provider functions cannot run on the
// CLI, or "" when it can. OpenTofu numbers its releases on its own, and had
// provider functions a release earlier than Terraform.
func functionsSkipReason(openTofu bool, req tfversion.CheckTerraformVersionRequest) string {
	v := req.TerraformVersion
	cli, first := "Terraform", tfversion.Version1_8_0
	if openTofu {
		cli, first = "OpenTofu", tfversion.Version1_7_0
	}
	if v.Core().LessThan(first) {
		return fmt.Sprintf("%s %s has no provider functions (%s has them from %s): skipping test", cli, v, cli, first)
	}
	return ""
}

func TestFunctionsSkipReason(t *testing.T) {
	for _, tc := range []struct {
		openTofu bool
		req      tfversion.CheckTerraformVersionRequest
		want     string
	}{
		{false, tfversion.CheckTerraformVersionRequest{TerraformVersion: tfversion.Version1_5_0}, "Terraform 1.5.0 has no provider functions (Terraform has them from 1.8.0): skipping test"},
		{false, tfversion.CheckTerraformVersionRequest{TerraformVersion: tfversion.Version1_7_0}, "Terraform 1.7.0 has no provider functions (Terraform has them from 1.8.0): skipping test"},
		{false, tfversion.CheckTerraformVersionRequest{TerraformVersion: tfversion.Version1_8_0}, ""},
		{false, tfversion.CheckTerraformVersionRequest{TerraformVersion: tfversion.Version1_11_0}, ""},
		{true, tfversion.CheckTerraformVersionRequest{TerraformVersion: tfversion.Version1_6_0}, "OpenTofu 1.6.0 has no provider functions (OpenTofu has them from 1.7.0): skipping test"},
		{true, tfversion.CheckTerraformVersionRequest{TerraformVersion: tfversion.Version1_7_0}, ""},
		{true, tfversion.CheckTerraformVersionRequest{TerraformVersion: tfversion.Version1_8_0}, ""},
	} {
		if got := functionsSkipReason(tc.openTofu, tc.req); got != tc.want {
			t.Errorf("OpenTofu %v, %s: got %q, want %q", tc.openTofu, tc.req.TerraformVersion, got, tc.want)
		}
	}
}
