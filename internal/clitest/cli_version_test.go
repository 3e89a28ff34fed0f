package clitest

import "testing"

// TestLacks reads version lines of both CLIs and checks each feature's
// first version, just below, at and above it.
func TestLacks(t *testing.T) {
	for _, tc := range []struct {
		out  string
		f    feature
		want string
	}{
		{"Terraform v1.5.7\non linux_amd64\n", testCommand, "terraform test needs 1.6.0 or later; Terraform 1.5.7 (tf)"},
		{"Terraform v1.6.0\n", testCommand, ""},
		{"Terraform v1.6.6\n", mockProvider, "mock_provider in terraform test needs 1.7.0 or later; Terraform 1.6.6 (tf)"},
		{"Terraform v1.8.5\n", mockProvider, ""},
		{"Terraform v1.7.5\n", functions, "provider functions needs 1.8.0 or later; Terraform 1.7.5 (tf)"},
		{"Terraform v1.11.4\non linux_amd64\n", functions, ""},
		{"Terraform v2.0.0\n", mockProvider, ""},
		{"OpenTofu v1.6.3\non linux_amd64\n", testCommand, ""},
		{"OpenTofu v1.6.3\n", mockProvider, "mock_provider in terraform test needs 1.8.0 or later; OpenTofu 1.6.3 (tf)"},
		{"OpenTofu v1.6.3\n", functions, "provider functions needs 1.7.0 or later; OpenTofu 1.6.3 (tf)"},
		{"OpenTofu v1.7.0\n", functions, ""},
		{"OpenTofu v1.12.6\n", mockProvider, ""},
	} {
		tofu, v, err := ParseVersion(tc.out)
		if err != nil {
			t.Fatalf("%q: %v", tc.out, err)
		}
		if got := (CLI{Path: "tf", OpenTofu: tofu, Version: v}).lacks(tc.f); got != tc.want {
			t.Errorf("%q, %s: got %q, want %q", tc.out, tc.f.name, got, tc.want)
		}
	}
	if _, _, err := ParseVersion("Usage: terraform\n"); err == nil || err.Error() != `not a Terraform or OpenTofu version line: "Usage: terraform"` {
		t.Errorf("a usage text: %v", err)
	}
}

// OpenTofu may warn about its CLI configuration before its version line.
func TestParseVersionAfterWarnings(t *testing.T) {
	out := "╷\n│ Warning: Provider development overrides are in effect\n╵\nOpenTofu v1.8.3\non linux_amd64\n"
	tofu, v, err := ParseVersion(out)
	if err != nil || !tofu || v != [3]int{1, 8, 3} {
		t.Fatalf("ParseVersion = %v, %v, %v; want OpenTofu 1.8.3", tofu, v, err)
	}
}

func TestDevOverrides(t *testing.T) {
	got := DevOverrides(map[string]string{"sarvamai/sarvam": "/tmp/a b/bin", "hashicorp/http": "/tmp/http"})
	want := `provider_installation {
  dev_overrides {
    "hashicorp/http" = "/tmp/http"
    "sarvamai/sarvam" = "/tmp/a b/bin"
  }
  direct {}
}
`
	if got != want {
		t.Fatalf("got\n%s\nwant\n%s", got, want)
	}
}
