package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sarvamai/terraform-provider-sarvam/internal/fakeapi"
)

func env(kv map[string]string) func(string) string {
	return func(k string) string { return kv[k] }
}

func TestRefusals(t *testing.T) {
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "campaigns"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "campaigns", "bad.json"), []byte(`{"name":1}`), 0o600); err != nil {
		t.Fatal(err)
	}
	key := map[string]string{"SARVAM_API_KEY": "k"}
	for _, tc := range []struct {
		args []string
		env  map[string]string
		want string
	}{
		{[]string{"-listen", "0.0.0.0:8787"}, key, `-listen "0.0.0.0:8787": the fake API listens on loopback only (127.0.0.1, [::1] or localhost, with a port), since it serves test data to any local program`},
		{[]string{"-listen", "192.168.1.20:0"}, key, `-listen "192.168.1.20:0": the fake API listens on loopback only (127.0.0.1, [::1] or localhost, with a port), since it serves test data to any local program`},
		{[]string{"-listen", "127.0.0.1"}, key, `-listen "127.0.0.1": the fake API listens on loopback only (127.0.0.1, [::1] or localhost, with a port), since it serves test data to any local program`},
		{nil, nil, "no API key: set SARVAM_API_KEY (or -api-key) to the key the fake API should accept"},
		{[]string{"-api-key", "k\n"}, nil, "the API key contains a line break, which cannot be sent in an HTTP header; a key read from a file often ends with one"},
		{[]string{"-fixtures", filepath.Join(dir, "missing")}, key, `-fixtures "` + filepath.Join(dir, "missing") + `": not a directory`},
		{[]string{"-fixtures", dir}, key, "-fixtures " + dir + ": 11 problems in the fixtures:\n  campaigns/bad.json: allowed_schedule: missing; the API always sends it"},
		{[]string{"-search", "fuzzy"}, key, `invalid value "fuzzy" for flag -search: want one of fold-substring, substring, exact, fold-prefix, ignored`},
		{[]string{"-fault", "campaigns/x=slow"}, key, `invalid value "campaigns/x=slow" for flag -fault: fault "campaigns/x=slow": "slow" is neither an HTTP status nor hang`},
		{[]string{"serve"}, key, `unexpected argument "serve"; every setting is a flag (see -help)`},
		{[]string{"-extra-campaigns", "-1"}, key, "-request-delay, -conn-delay and -extra-campaigns must not be negative"},
		{[]string{"-generated", "seven"}, key, `-generated "seven": want a seed, a whole number of 0 or more`},
		{[]string{"-generated", "-7"}, key, `-generated "-7": want a seed, a whole number of 0 or more`},
		{[]string{"-generated", "7", "-fixtures", dir}, key, "-generated makes its own data, org and workspace: leave out -fixtures"},
		{[]string{"-org", "o", "-generated", "7", "-workspace", "w"}, key, "-generated makes its own data, org and workspace: leave out -org and -workspace"},
	} {
		err := run(context.Background(), tc.args, env(tc.env), io.Discard, io.Discard)
		if err == nil || !strings.HasPrefix(err.Error(), tc.want) {
			t.Errorf("%q: got %v\nwant %s", tc.args, err, tc.want)
		}
	}
}

// TestServes runs the command on a fixtures directory with a fault and a
// mode from the command line, reads through it and stops it.
func TestServes(t *testing.T) {
	dir := t.TempDir()
	for name, body := range map[string]string{
		"campaigns/gate.json": `{"name":"Gate","campaign_id":"C-1","status":"paused","app_id":null,"created_by":"me","created_at":"2026-01-01T00:00:00Z","updated_at":"2026-01-01T00:00:00Z","app_config":{},"start_timestamp":"2026-01-01T00:00:00Z","end_timestamp":"2026-02-01T00:00:00Z","allowed_schedule":{}}`,
		"campaigns/gone.json": `{"name":"Gone","campaign_id":"C-2","status":"retired","app_id":"a","created_by":"me","created_at":"2026-01-01T00:00:00Z","updated_at":"2026-01-01T00:00:00Z","app_config":{},"start_timestamp":"2026-01-01T00:00:00Z","end_timestamp":"2026-02-01T00:00:00Z","allowed_schedule":{}}`,
	} {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	ctx, stop := context.WithCancel(context.Background())
	out, outW := io.Pipe()
	var errOut strings.Builder
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"-fixtures", dir, "-fault", "campaigns/C-2=404", "-total", "omitted", "-org", "org-mine"},
			env(map[string]string{"SARVAM_API_KEY": "mine", "SARVAM_WORKSPACE_ID": "ws-mine"}), outW, &errOut)
		outW.Close()
	}()
	line, err := bufio.NewReader(out).ReadString('\n')
	if err != nil {
		t.Fatalf("no first line: %v", err)
	}
	base := strings.Fields(line)[4]
	if !strings.HasPrefix(line, "fake Sarvam API on http://127.0.0.1:") || !strings.Contains(line, "(org org-mine, workspace ws-mine)") {
		t.Fatalf("first line %q", line)
	}
	go func() { _, _ = io.Copy(io.Discard, out) }()
	read := func(path string) (int, string) {
		req, _ := http.NewRequest(http.MethodGet, base+"/v1/orgs/org-mine/workspaces/ws-mine"+path, nil)
		req.Header.Set("X-API-Key", "mine")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	if status, body := read("/campaigns/C-1"); status != 200 || !strings.Contains(body, `"Gate"`) {
		t.Errorf("C-1: HTTP %d %s", status, body)
	}
	if status, body := read("/campaigns/C-2"); status != 404 || !strings.Contains(body, "not_found") {
		t.Errorf("C-2: HTTP %d %s", status, body)
	}
	if status, body := read("/campaigns"); status != 200 || strings.Contains(body, "total") || !strings.Contains(body, "C-2") {
		t.Errorf("list: HTTP %d %s", status, body)
	}
	stop()
	if err := <-done; err != nil {
		t.Fatalf("run: %v", err)
	}
	if want := `note: campaigns/gone.json: status: "retired" is not one of the documented scheduled, active, paused, ended, cancelled; served as is, as the provider passes it through` + "\n"; errOut.String() != want {
		t.Errorf("stderr %q, want %q", errOut.String(), want)
	}
}

// TestServesGenerated runs the command on a generated data set: the first
// line names its org and workspace, whatever SARVAM_ORG_ID says, and the
// list there holds what the generator made for the seed.
func TestServesGenerated(t *testing.T) {
	const key = "generated-key"
	_, want := fakeapi.NewGenerated(key, 7)
	ctx, stop := context.WithCancel(context.Background())
	out, outW := io.Pipe()
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"-generated", "7", "-extra-campaigns", "3"}, env(map[string]string{"SARVAM_API_KEY": key, "SARVAM_ORG_ID": "org-env"}), outW, io.Discard)
		outW.Close()
	}()
	line, err := bufio.NewReader(out).ReadString('\n')
	if err != nil {
		t.Fatalf("no first line: %v", err)
	}
	go func() { _, _ = io.Copy(io.Discard, out) }()
	if !strings.Contains(line, "(org "+want.Org+", workspace "+want.Workspace+")") {
		t.Fatalf("first line %q, want org %s and workspace %s", line, want.Org, want.Workspace)
	}
	req, _ := http.NewRequest(http.MethodGet, strings.Fields(line)[4]+"/v1/orgs/"+want.Org+"/workspaces/"+want.Workspace+"/campaigns?limit=1", nil)
	req.Header.Set("X-API-Key", key)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	var page struct{ Total int }
	err = json.NewDecoder(resp.Body).Decode(&page)
	resp.Body.Close()
	if err != nil || resp.StatusCode != 200 || page.Total != want.Campaigns+3 {
		t.Errorf("list: HTTP %d, total %d (%v), want %d generated and 3 extra", resp.StatusCode, page.Total, err, want.Campaigns)
	}
	stop()
	if err := <-done; err != nil {
		t.Fatalf("run: %v", err)
	}
}

func TestHelpListsEverySwitch(t *testing.T) {
	var help, errOut strings.Builder
	if err := run(context.Background(), []string{"-help"}, env(nil), &help, &errOut); !errors.Is(err, flag.ErrHelp) {
		t.Fatalf("run -help: %v, want flag.ErrHelp, on which main exits 0", err)
	}
	if errOut.Len() != 0 || !strings.HasPrefix(help.String(), "Usage: sarvam-fakeapi [flags]") {
		t.Fatalf("-help wrote %q to stderr and %q to stdout; want the usage on stdout alone", errOut.String(), help.String())
	}
	for _, want := range []string{
		"DIR/cohorts/<campaign_id>/*.json", "DIR/faults.json", "-fault PATH=STATUS|hang",
		"-foreign value", "forbidden, not-found, hidden, open", "-missing value", "documented, detail, bare", "-search value", "-total value", "-links value",
		"-unknown-status value", "-unknown-sort-by value", "-list-mode value", "-extra-fields",
		"-strict", "-quiet", "-org string", "-workspace string", "-api-key string", "-listen string", "-generated string", "-generated SEED",
	} {
		if !strings.Contains(help.String(), want) {
			t.Errorf("-help lacks %q:\n%s", want, help.String())
		}
	}
}

// A bad flag is its own error once, with a pointer to -help, and nothing
// else is printed: main prints the error.
func TestBadFlag(t *testing.T) {
	for args, want := range map[string]string{
		"-search fuzzy": `invalid value "fuzzy" for flag -search: want one of fold-substring, substring, exact, fold-prefix, ignored (sarvam-fakeapi -help lists every flag)`,
		"-fixture x":    `flag provided but not defined: -fixture (sarvam-fakeapi -help lists every flag)`,
		"-strict=maybe": `invalid boolean value "maybe" for -strict: parse error (sarvam-fakeapi -help lists every flag)`,
	} {
		var out, errOut strings.Builder
		err := run(context.Background(), strings.Fields(args), env(map[string]string{"SARVAM_API_KEY": "k"}), &out, &errOut)
		if err == nil || err.Error() != want || out.Len() != 0 || errOut.Len() != 0 {
			t.Errorf("%s: %v, stdout %q, stderr %q\nwant %s and nothing printed", args, err, out.String(), errOut.String(), want)
		}
	}
}

// The command lists its active faults when it starts and logs a line per
// request on stdout: method, path and query, status, and the fault that
// answered; never the key. -quiet leaves the log out.
func TestRequestLog(t *testing.T) {
	for _, quiet := range []bool{false, true} {
		args := []string{"-fault", "campaigns/C-2=404,times=1", "-fault", "/webhooks=429,retry-after=5"}
		if quiet {
			args = append(args, "-quiet")
		}
		ctx, stop := context.WithCancel(context.Background())
		out, outW := io.Pipe()
		done := make(chan error, 1)
		go func() {
			done <- run(ctx, args, env(map[string]string{"SARVAM_API_KEY": "sk_log_SECRET_1"}), outW, io.Discard)
			outW.Close()
		}()
		// Read stdout as it comes: the log's writes wait for their reader.
		lines := make(chan string, 100)
		go func() {
			sc := bufio.NewScanner(out)
			for sc.Scan() {
				lines <- sc.Text()
			}
			close(lines)
		}()
		next := func() string {
			l, ok := <-lines
			if !ok {
				t.Fatal("stdout ended")
			}
			return l
		}
		base := strings.Fields(next())[4]
		ws := "/api/scheduling/v1/orgs/" + fakeapi.OrgID + "/workspaces/" + fakeapi.WorkspaceID
		for _, want := range []string{"fault campaigns/C-2=404,times=1", "fault webhooks=429,retry-after=5"} {
			if got := next(); got != want {
				t.Fatalf("start: %q, want %q", got, want)
			}
		}
		for _, tc := range []struct{ path, key, want string }{
			{"/campaigns/" + fakeapi.LoanRemindersID, "sk_log_SECRET_1", "GET " + ws + "/campaigns/" + fakeapi.LoanRemindersID + " 200"},
			{"/campaigns/C-2", "sk_log_SECRET_1", "GET " + ws + "/campaigns/C-2 404 (fault campaigns/C-2=404,times=1)"},
			{"/campaigns/C-2", "sk_log_SECRET_1", "GET " + ws + "/campaigns/C-2 404"},
			{"/webhooks?limit=2&api_key=sk_log_SECRET_1", "", "GET " + ws + "/webhooks?limit=2&api_key=[REDACTED] 429 (fault webhooks=429,retry-after=5)"},
			{"/campaigns", "", "GET " + ws + "/campaigns 401"},
		} {
			req, _ := http.NewRequest(http.MethodGet, strings.TrimSuffix(base, "/api/scheduling")+ws+tc.path, nil)
			if tc.key != "" {
				req.Header.Set("X-API-Key", tc.key)
			}
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if !quiet {
				if got := next(); got != tc.want {
					t.Errorf("log %q\nwant %q", got, tc.want)
				}
			}
		}
		stop()
		if err := <-done; err != nil {
			t.Fatalf("run: %v", err)
		}
		var rest []string
		for l := range lines {
			rest = append(rest, l)
		}
		if len(rest) != 0 {
			t.Errorf("quiet=%v: more on stdout: %q", quiet, rest)
		}
	}
}

// -strict refuses a fixture field the API is not known to send; without
// it the field is named in a note and served.
func TestStrict(t *testing.T) {
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "webhooks"), 0o755); err != nil {
		t.Fatal(err)
	}
	hook := `{"webhook_id":"W-1","name":"Hook","url":"https://x.example","created_by":"me","created_at":"2026-01-01T00:00:00Z","updated_at":"2026-01-01T00:00:00Z","custom_header":{"A":"b"}}`
	if err := os.WriteFile(filepath.Join(dir, "webhooks", "w.json"), []byte(hook), 0o600); err != nil {
		t.Fatal(err)
	}
	key := env(map[string]string{"SARVAM_API_KEY": "k"})
	err := run(context.Background(), []string{"-fixtures", dir, "-strict"}, key, io.Discard, io.Discard)
	want := "-fixtures " + dir + ": 1 problem in the fixtures:\n  webhooks/w.json: custom_header: not a field the API is known to send; did you mean custom_headers? " +
		"Served as is, but the provider ignores it, so custom_headers reads as absent (refused by -strict)"
	if err == nil || err.Error() != want {
		t.Errorf("-strict: %v\nwant %s", err, want)
	}
	ctx, stop := context.WithCancel(context.Background())
	stop()
	var errOut strings.Builder
	if err := run(ctx, []string{"-fixtures", dir, "-quiet"}, key, io.Discard, &errOut); err != nil {
		t.Fatal(err)
	}
	if want := "note: webhooks/w.json: custom_header: not a field the API is known to send; did you mean custom_headers? Served as is, but the provider ignores it, so custom_headers reads as absent\n"; errOut.String() != want {
		t.Errorf("stderr %q\nwant %q", errOut.String(), want)
	}
}
