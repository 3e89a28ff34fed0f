package main

import (
	"crypto/x509"
	"encoding/json"
	"encoding/pem"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

const (
	linuxSum  = "1111111111111111111111111111111111111111111111111111111111111111"
	darwinSum = "2222222222222222222222222222222222222222222222222222222222222222"
	manSum    = "3333333333333333333333333333333333333333333333333333333333333333"
)

// writeRelease lays out a release of example/sarvam 1.2.3 as goreleaser
// writes one, and returns the registry's root.
func writeRelease(t *testing.T, manifest, signature bool) string {
	t.Helper()
	root := t.TempDir()
	dir := filepath.Join(root, "example", "sarvam")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	p := "terraform-provider-sarvam_1.2.3_"
	files := map[string]string{
		p + "SHA256SUMS": linuxSum + "  " + p + "linux_amd64.zip\n" +
			darwinSum + "  " + p + "darwin_arm64.zip\n" +
			manSum + "  " + p + "manifest.json\n",
		p + "linux_amd64.zip":  "linux archive",
		p + "darwin_arm64.zip": "darwin archive",
	}
	if manifest {
		files[p+"manifest.json"] = `{"version": 1, "metadata": {"protocol_versions": ["6.0"]}}`
	}
	if signature {
		files[p+"SHA256SUMS.sig"] = "signature"
	}
	for name, body := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return root
}

func get(t *testing.T, srv *httptest.Server, path string) (int, string) {
	t.Helper()
	resp, err := srv.Client().Get(srv.URL + path)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, string(body)
}

func serve(t *testing.T, root string) *httptest.Server {
	t.Helper()
	reg := &registry{root: root, keys: []gpgKey{{KeyID: "ABCDEF0123456789", ASCIIArmor: "armor"}}}
	srv := httptest.NewServer(reg.handler())
	t.Cleanup(srv.Close)
	return srv
}

func decode(t *testing.T, body string) map[string]any {
	t.Helper()
	var v map[string]any
	if err := json.Unmarshal([]byte(body), &v); err != nil {
		t.Fatalf("%v in %s", err, body)
	}
	return v
}

func TestRegistryProtocol(t *testing.T) {
	srv := serve(t, writeRelease(t, true, true))
	host := strings.TrimPrefix(srv.URL, "http://")

	status, body := get(t, srv, "/.well-known/terraform.json")
	if status != http.StatusOK || strings.TrimSpace(body) != `{"providers.v1":"/v1/providers/"}` {
		t.Errorf("discovery: %d %s", status, body)
	}

	status, body = get(t, srv, "/v1/providers/example/sarvam/versions")
	want := `{"versions":[{"version":"1.2.3","protocols":["6.0"],"platforms":[{"os":"darwin","arch":"arm64"},{"os":"linux","arch":"amd64"}]}]}`
	if status != http.StatusOK || strings.TrimSpace(body) != want {
		t.Errorf("versions: %d %s\nwant %s", status, body, want)
	}

	status, body = get(t, srv, "/v1/providers/example/sarvam/1.2.3/download/linux/amd64")
	if status != http.StatusOK {
		t.Fatalf("download: %d %s", status, body)
	}
	files := "https://" + host + "/files/example/sarvam/"
	wantDoc := map[string]any{
		"protocols":             []any{"6.0"},
		"os":                    "linux",
		"arch":                  "amd64",
		"filename":              "terraform-provider-sarvam_1.2.3_linux_amd64.zip",
		"download_url":          files + "terraform-provider-sarvam_1.2.3_linux_amd64.zip",
		"shasums_url":           files + "terraform-provider-sarvam_1.2.3_SHA256SUMS",
		"shasums_signature_url": files + "terraform-provider-sarvam_1.2.3_SHA256SUMS.sig",
		"shasum":                linuxSum,
		"signing_keys": map[string]any{"gpg_public_keys": []any{map[string]any{
			"key_id": "ABCDEF0123456789", "ascii_armor": "armor", "trust_signature": "", "source": "", "source_url": nil,
		}}},
	}
	if got := decode(t, body); !reflect.DeepEqual(got, wantDoc) {
		t.Errorf("download document:\n got %v\nwant %v", got, wantDoc)
	}

	for name, want := range map[string]string{
		"terraform-provider-sarvam_1.2.3_linux_amd64.zip": "linux archive",
		"terraform-provider-sarvam_1.2.3_SHA256SUMS.sig":  "signature",
	} {
		if status, body := get(t, srv, "/files/example/sarvam/"+name); status != http.StatusOK || body != want {
			t.Errorf("%s: %d %q, want %q", name, status, body, want)
		}
	}
}

func TestRegistryNotFound(t *testing.T) {
	srv := serve(t, writeRelease(t, true, true))
	for _, path := range []string{
		"/v1/providers/other/sarvam/versions",
		"/v1/providers/example/other/versions",
		"/v1/providers/example/sarvam/9.9.9/download/linux/amd64",
		"/v1/providers/example/sarvam/1.2.3/download/windows/amd64",
		"/files/example/sarvam/missing.zip",
		"/files/example/sarvam/.hidden",
		"/files/example/sarvam/..",
		"/v1/modules/example/sarvam/versions",
	} {
		status, body := get(t, srv, path)
		if status != http.StatusNotFound || strings.TrimSpace(body) != `{"errors":["Not Found"]}` {
			t.Errorf("%s: %d %s, want 404 {\"errors\":[\"Not Found\"]}", path, status, body)
		}
	}
}

func TestRegistryWithoutSignature(t *testing.T) {
	srv := serve(t, writeRelease(t, true, false))
	status, body := get(t, srv, "/v1/providers/example/sarvam/1.2.3/download/linux/amd64")
	want := `{"errors":["terraform-provider-sarvam_1.2.3_SHA256SUMS has no signature terraform-provider-sarvam_1.2.3_SHA256SUMS.sig"]}`
	if status != http.StatusNotFound || strings.TrimSpace(body) != want {
		t.Errorf("got %d %s, want 404 %s", status, body, want)
	}
}

// Without a manifest the Terraform Registry assumes protocol 5.0: a
// protocol 6 provider released without one is offered as protocol 5.
func TestRegistryWithoutManifest(t *testing.T) {
	srv := serve(t, writeRelease(t, false, true))
	status, body := get(t, srv, "/v1/providers/example/sarvam/versions")
	if status != http.StatusOK || !strings.Contains(body, `"protocols":["5.0"]`) {
		t.Errorf("got %d %s, want protocols 5.0", status, body)
	}
}

func TestRegistryMalformedSHA256SUMS(t *testing.T) {
	root := writeRelease(t, true, true)
	sums := filepath.Join(root, "example", "sarvam", "terraform-provider-sarvam_1.2.3_SHA256SUMS")
	if err := os.WriteFile(sums, []byte("abc terraform-provider-sarvam_1.2.3_linux_amd64.zip\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	srv := serve(t, root)
	status, body := get(t, srv, "/v1/providers/example/sarvam/versions")
	want := `{"errors":["terraform-provider-sarvam_1.2.3_SHA256SUMS line 1 is not \"SHA256  NAME\": \"abc terraform-provider-sarvam_1.2.3_linux_amd64.zip\""]}`
	if status != http.StatusInternalServerError || strings.TrimSpace(body) != want {
		t.Errorf("got %d %s\nwant 500 %s", status, body, want)
	}
}

func TestRegistryMalformedManifest(t *testing.T) {
	root := writeRelease(t, true, true)
	manifest := filepath.Join(root, "example", "sarvam", "terraform-provider-sarvam_1.2.3_manifest.json")
	if err := os.WriteFile(manifest, []byte(`{"version": 1}`), 0o644); err != nil {
		t.Fatal(err)
	}
	srv := serve(t, root)
	status, body := get(t, srv, "/v1/providers/example/sarvam/1.2.3/download/linux/amd64")
	want := `{"errors":["terraform-provider-sarvam_1.2.3_manifest.json: want version 1 and metadata.protocol_versions"]}`
	if status != http.StatusInternalServerError || strings.TrimSpace(body) != want {
		t.Errorf("got %d %s\nwant 500 %s", status, body, want)
	}
}

// The server's certificate is valid, for localhost and the loopback
// addresses only, under the authority written for the CLIs.
func TestCertificates(t *testing.T) {
	now := time.Now()
	caPEM, cert, err := newCertificates(now)
	if err != nil {
		t.Fatal(err)
	}
	block, _ := pem.Decode(caPEM)
	if block == nil || block.Type != "CERTIFICATE" {
		t.Fatalf("the authority is not a PEM certificate: %q", caPEM)
	}
	pool := x509.NewCertPool()
	if !pool.AppendCertsFromPEM(caPEM) {
		t.Fatal("the authority's certificate does not parse")
	}
	leaf, err := x509.ParseCertificate(cert.Certificate[0])
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"localhost", "127.0.0.1", "::1"} {
		if _, err := leaf.Verify(x509.VerifyOptions{DNSName: name, Roots: pool, CurrentTime: now}); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
	_, err = leaf.Verify(x509.VerifyOptions{DNSName: "registry.terraform.io", Roots: pool, CurrentTime: now})
	if err == nil || !strings.Contains(err.Error(), "certificate is valid for localhost, not registry.terraform.io") {
		t.Errorf("registry.terraform.io: got %v, want the certificate refused for that name", err)
	}
}
