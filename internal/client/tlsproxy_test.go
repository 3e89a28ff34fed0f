package client

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
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
