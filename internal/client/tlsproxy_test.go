package client

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/sarvamai/terraform-provider-sarvam/internal/fakeapi"
)

// trustingTransport is the client's own transport with the test server's
// certificate trusted, so that only the TLS version can make it fail.
func trustingTransport(t *testing.T, srv *httptest.Server) *http.Transport {
	t.Helper()
	pool := x509.NewCertPool()
	pool.AddCert(srv.Certificate())
	tr := NewTransport()
	tr.TLSClientConfig.RootCAs = pool
	return tr
}

// A server that speaks at most TLS 1.1 is refused, and not retried.
func TestTLSBelow12Refused(t *testing.T) {
	fake := fakeapi.New(testKey)
	srv := httptest.NewUnstartedServer(fake)
	srv.TLS = &tls.Config{MaxVersion: tls.VersionTLS11}
	srv.StartTLS()
	defer srv.Close()

	cfg := fastConfig(srv.URL)
	cfg.Transport = trustingTransport(t, srv)
	c, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.GetCampaign(context.Background(), fakeapi.OrgID, fakeapi.WorkspaceID, fakeapi.LoanRemindersID)
	requireErrorText(t, err, "request to "+srv.Listener.Addr().String()+" failed: remote error: tls: protocol version not supported")
	if n := len(fake.Requests()); n != 0 {
		t.Fatalf("the handler saw %d requests over TLS 1.1", n)
	}
	requireNoKey(t, err.Error())
}

// The same server at TLS 1.2 works: the refusal above is about the version.
func TestTLS12Accepted(t *testing.T) {
	fake := fakeapi.New(testKey)
	srv := httptest.NewUnstartedServer(fake)
	srv.TLS = &tls.Config{MinVersion: tls.VersionTLS12, MaxVersion: tls.VersionTLS12}
	srv.StartTLS()
	defer srv.Close()

	cfg := fastConfig(srv.URL + fakeapi.BasePath)
	cfg.Transport = trustingTransport(t, srv)
	c, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.GetCampaign(context.Background(), fakeapi.OrgID, fakeapi.WorkspaceID, fakeapi.LoanRemindersID); err != nil {
		t.Fatalf("GetCampaign over TLS 1.2: %v", err)
	}
}

// Go reads the proxy variables once per process, so the check runs in a
// child process with its own environment.
func TestTransportHonoursProxyEnvironment(t *testing.T) {
	if os.Getenv("SARVAM_PROXY_CHILD") == "1" {
		proxyChild(t)
		return
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestTransportHonoursProxyEnvironment$", "-test.v")
	cmd.Env = append(os.Environ(),
		"SARVAM_PROXY_CHILD=1",
		"HTTPS_PROXY=http://proxy.corp.example:3128", "https_proxy=",
		"NO_PROXY=internal.example", "no_proxy=",
	)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("child: %v\n%s", err, out)
	}
}

func proxyChild(t *testing.T) {
	tr := NewTransport()
	for _, tc := range []struct{ url, want string }{
		{"https://apps.sarvam.ai/api/scheduling/v1/orgs/o", "http://proxy.corp.example:3128"},
		{"https://api.internal.example/v1", ""},
	} {
		req, err := http.NewRequest(http.MethodGet, tc.url, nil)
		if err != nil {
			t.Fatal(err)
		}
		got, err := tr.Proxy(req)
		if err != nil {
			t.Fatal(err)
		}
		gotS := ""
		if got != nil {
			gotS = got.String()
		}
		if gotS != tc.want {
			t.Errorf("proxy for %s = %q, want %q", tc.url, gotS, tc.want)
		}
	}
}

// A loopback base_url never goes through a proxy, however its host is
// written: the proxy would get the key in clear text. Go reads the proxy
// variables once per process, so the reads run in a child process whose
// HTTP_PROXY and HTTPS_PROXY point at a witness that counts what reaches it.
func TestLoopbackNeverProxied(t *testing.T) {
	if os.Getenv("SARVAM_LOOPBACK_PROXY_CHILD") == "1" {
		loopbackProxyChild(t)
		return
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestLoopbackNeverProxied$", "-test.v")
	cmd.Env = append(os.Environ(), "SARVAM_LOOPBACK_PROXY_CHILD=1")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("child: %v\n%s", err, out)
	}
	requireNoKey(t, string(out))
	if !strings.Contains(string(out), "--- PASS: TestLoopbackNeverProxied") {
		t.Fatalf("the child did not run the check:\n%s", out)
	}
}

func loopbackProxyChild(t *testing.T) {
	var witnessed atomic.Int32
	var sawKey atomic.Bool
	witness := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		witnessed.Add(1)
		if strings.Contains(fmt.Sprint(r.Header), testKey) {
			sawKey.Store(true)
		}
		http.Error(w, "the proxy witness answers nothing", http.StatusBadGateway)
	}))
	defer witness.Close()
	for _, v := range []string{"HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy"} {
		t.Setenv(v, witness.URL)
	}
	for _, v := range []string{"NO_PROXY", "no_proxy"} {
		t.Setenv(v, "")
	}
	api := httptest.NewServer(fakeapi.New(testKey))
	defer api.Close()
	_, port, _ := net.SplitHostPort(api.Listener.Addr().String())

	// The witness must be reachable through the proxy rule for any other
	// host, or its silence below proves nothing.
	probe, _ := http.NewRequest(http.MethodGet, "http://api.example.invalid/x", nil)
	if got, err := NewTransport().Proxy(probe); err != nil || got == nil || got.String() != witness.URL {
		t.Fatalf("proxy for a non-loopback host = %v, %v; want the witness %s", got, err, witness.URL)
	}
	for _, base := range []string{
		"HTTP://LOCALHOST:" + port + fakeapi.BasePath,
		"http://LocalHost:" + port + fakeapi.BasePath,
		"http://localhost.:" + port + fakeapi.BasePath,
		"http://LOCALHOST.:" + port + fakeapi.BasePath,
		"http://127.0.0.1:" + port + fakeapi.BasePath,
		"http://127.0.0.1.:" + port + fakeapi.BasePath,
		"http://[::ffff:127.0.0.1]:" + port + fakeapi.BasePath,
	} {
		c, err := New(Config{BaseURL: base, APIKey: testKey, MaxRetries: 0})
		if err != nil {
			t.Fatalf("New(%s): %v", base, err)
		}
		if _, err := c.GetCampaign(context.Background(), fakeapi.OrgID, fakeapi.WorkspaceID, fakeapi.LoanRemindersID); err != nil {
			t.Errorf("base_url %s: %v", base, err)
		}
		req, _ := http.NewRequest(http.MethodGet, base, nil)
		if got, err := NewTransport().Proxy(req); got != nil || err != nil {
			t.Errorf("proxy for %s = %v, %v; want none", base, got, err)
		}
	}
	// Forms this machine may not serve (IPv6), and https, by the proxy
	// rule alone.
	for _, base := range []string{"http://[::1]:1/x", "http://[0:0:0:0:0:0:0:1]:1/x", "https://LOCALHOST:1/x", "https://127.0.0.1.:1/x"} {
		req, _ := http.NewRequest(http.MethodGet, base, nil)
		if got, err := NewTransport().Proxy(req); got != nil || err != nil {
			t.Errorf("proxy for %s = %v, %v; want none", base, got, err)
		}
	}
	if n := witnessed.Load(); n != 0 || sawKey.Load() {
		t.Fatalf("the proxy witness got %d requests (the key among them: %v); a loopback base_url must never go through a proxy", n, sawKey.Load())
	}
}
