// Command sarvam-fakeapi serves a fake Sarvam scheduling API on loopback, for
// testing Terraform modules that use the sarvam provider without a key or a
// network, and for this project's demo and benchmarks.
//
// Install it with
//
//	go install github.com/sarvamai/terraform-provider-sarvam/cmd/sarvam-fakeapi@latest
//
// and run it with SARVAM_API_KEY set to any key the tests will send. It
// prints the base URL to give the provider (base_url or SARVAM_BASE_URL),
// which includes the API's mount, /api/scheduling. GET /_stats on the same
// host answers {"requests":N,"connections":M} without a key. Run it with
// -help for every flag; the package documentation of internal/fakeapi
// describes the fixtures layout and the modes.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/sarvamai/terraform-provider-sarvam/internal/client"
	"github.com/sarvamai/terraform-provider-sarvam/internal/fakeapi"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	err := run(ctx, os.Args[1:], os.Getenv, os.Stdout, os.Stderr)
	switch {
	case errors.Is(err, flag.ErrHelp):
	case err != nil:
		fmt.Fprintln(os.Stderr, "sarvam-fakeapi:", err)
		os.Exit(1)
	}
}

const usageHead = `Usage: sarvam-fakeapi [flags]

Serves a fake Sarvam scheduling API on loopback until interrupted. The key,
org and workspace come from the flags or from SARVAM_API_KEY, SARVAM_ORG_ID
and SARVAM_WORKSPACE_ID; a key bound to one workspace is refused on others.

Without -fixtures or -generated it serves the demo data. -generated SEED
serves a data set made from SEED instead: a few hundred campaigns, with
shared names, null fields and unknown statuses, cohorts and webhook
configurations, in an org and workspace of their own that the first line
printed names; the same seed gives the same data. -fixtures DIR serves the
files in DIR instead, checked on start against what the API can return:
  DIR/campaigns/*.json                  one Get Campaign response each
  DIR/cohorts/<campaign_id>/*.json      one cohort each, of that campaign
  DIR/webhooks/*.json                   one webhook configuration each
  DIR/faults.json                       optional: [{"path": "campaigns/ID",
                                        "status": 429, "retry_after": 30},
                                        {"path": "webhooks", "hang": true}]

-fault PATH=STATUS|hang[,retry-after=SECONDS][,delay=DURATION][,times=N]
makes PATH, below the workspace, answer that instead of the API, every time
or the first N times: -fault campaigns/MKN-1=404 -fault campaigns/MKN-2=429,retry-after=5

Flags:
`

// faultFlags collects repeated -fault flags.
type faultFlags []fakeapi.PathFault

func (f *faultFlags) String() string { return fmt.Sprint(len(*f), " faults") }

func (f *faultFlags) Set(spec string) error {
	pf, err := fakeapi.ParseFault(spec)
	if err != nil {
		return err
	}
	*f = append(*f, pf)
	return nil
}

// run serves until ctx is done, writing the base URL to stdout once
// listening.
func run(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("sarvam-fakeapi", flag.ContinueOnError)
	// The flag package would print a bad flag's error and then the whole
	// usage; the error is returned and printed once instead, and -help
	// alone prints the usage, to stdout.
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	listen := fs.String("listen", "127.0.0.1:0", "loopback host:port to listen on; port 0 picks a free one")
	addrFile := fs.String("addr-file", "", "write the base URL to this file once listening")
	fixtures := fs.String("fixtures", "", "serve the campaigns, cohorts and webhook configurations in this directory instead of the demo data")
	strict := fs.Bool("strict", false, "refuse a fixture field the API is not known to send, which is otherwise served and named in a note")
	quiet := fs.Bool("quiet", false, "do not log each request on standard output")
	org := fs.String("org", getenv("SARVAM_ORG_ID"), "org id the data lives in (default $SARVAM_ORG_ID, else "+fakeapi.OrgID+")")
	workspace := fs.String("workspace", getenv("SARVAM_WORKSPACE_ID"), "workspace id the data lives in (default $SARVAM_WORKSPACE_ID, else "+fakeapi.WorkspaceID+")")
	apiKey := fs.String("api-key", "", "the key accepted, for that workspace only (default $SARVAM_API_KEY, which keeps it out of the process list)")
	requestDelay := fs.Duration("request-delay", 0, "hold every request this long before answering")
	connDelay := fs.Duration("conn-delay", 0, "hold the first request of each new connection this much longer")
	extra := fs.Int("extra-campaigns", 0, "generate this many campaigns besides the others")
	generated := fs.String("generated", "", "serve the data set generated from this seed, a whole number, instead of the demo data, in its own org and workspace")
	var faults faultFlags
	fs.Var(&faults, "fault", "PATH=STATUS|hang[,retry-after=SECONDS][,delay=DURATION][,times=N]; repeatable")
	var modes fakeapi.Modes
	var listMode fakeapi.ListMode
	fakeapi.RegisterFlags(fs, &modes, &listMode)
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fs.SetOutput(stdout)
			fmt.Fprint(stdout, usageHead)
			fs.PrintDefaults()
			return err
		}
		return fmt.Errorf("%w (sarvam-fakeapi -help lists every flag)", err)
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected argument %q; every setting is a flag (see -help)", fs.Arg(0))
	}
	if *requestDelay < 0 || *connDelay < 0 || *extra < 0 {
		return errors.New("-request-delay, -conn-delay and -extra-campaigns must not be negative")
	}
	if *apiKey == "" {
		*apiKey = getenv("SARVAM_API_KEY")
	}
	if *apiKey == "" {
		return errors.New("no API key: set SARVAM_API_KEY (or -api-key) to the key the fake API should accept")
	}
	if err := client.CheckAPIKey(*apiKey); err != nil {
		return err
	}
	host, _, err := net.SplitHostPort(*listen)
	if err != nil || !client.IsLoopback(host) {
		return fmt.Errorf("-listen %q: the fake API listens on loopback only (127.0.0.1, [::1] or localhost, with a port), since it serves test data to any local program", *listen)
	}

	var fake *fakeapi.Server
	if *generated != "" {
		fake, err = generatedFake(fs, *generated, *apiKey)
	} else {
		fake, err = fixturesFake(fakeapi.Options{Org: *org, Workspace: *workspace, APIKey: *apiKey, Strict: *strict}, *fixtures, stderr)
	}
	if err != nil {
		return err
	}
	fake.RequestDelay, fake.ConnDelay = *requestDelay, *connDelay
	fake.SetModes(modes)
	fake.SetListMode(listMode)
	for _, f := range faults {
		fake.AddPathFault(f)
	}
	fake.AddCampaigns(*extra, "Generated campaign")
	if !*quiet {
		fake.SetRequestLog(stdout)
	}

	return serve(ctx, fake, *listen, *addrFile, stdout)
}

// generatedFake is the fake of -generated seed. The data set has its own
// org and workspace, so -fixtures, -org and -workspace are refused with it.
func generatedFake(fs *flag.FlagSet, seed, apiKey string) (*fakeapi.Server, error) {
	var clash []string
	fs.Visit(func(f *flag.Flag) {
		if f.Name == "fixtures" || f.Name == "org" || f.Name == "workspace" {
			clash = append(clash, "-"+f.Name)
		}
	})
	if len(clash) > 0 {
		return nil, fmt.Errorf("-generated makes its own data, org and workspace: leave out %s", strings.Join(clash, " and "))
	}
	n, err := strconv.ParseUint(seed, 10, 64)
	if err != nil {
		return nil, fmt.Errorf("-generated %q: want a seed, a whole number of 0 or more", seed)
	}
	fake, _ := fakeapi.NewGenerated(apiKey, n)
	return fake, nil
}

// fixturesFake is the fake of the demo data, or of the fixtures in dir,
// with what checking them noted written to stderr.
func fixturesFake(opts fakeapi.Options, dir string, stderr io.Writer) (*fakeapi.Server, error) {
	if dir != "" {
		if st, err := os.Stat(dir); err != nil || !st.IsDir() {
			return nil, fmt.Errorf("-fixtures %q: not a directory", dir)
		}
		opts.Fixtures = os.DirFS(dir)
	}
	fake, notes, err := fakeapi.NewFrom(opts)
	for _, n := range notes {
		fmt.Fprintln(stderr, "note:", n)
	}
	if err != nil {
		return nil, fmt.Errorf("-fixtures %s: %w", dir, err)
	}
	return fake, nil
}

// serve answers on listen until ctx ends, after writing the base URL to
// addrFile (if set) and saying on stdout where it listens and which path
// faults are active, one line each, in the form -fault takes.
func serve(ctx context.Context, fake *fakeapi.Server, listen, addrFile string, stdout io.Writer) error {
	ln, err := net.Listen("tcp", listen)
	if err != nil {
		return err
	}
	baseURL := "http://" + ln.Addr().String() + fakeapi.BasePath
	if addrFile != "" {
		if err := os.WriteFile(addrFile, []byte(baseURL+"\n"), 0o600); err != nil {
			_ = ln.Close()
			return err
		}
	}
	homeOrg, homeWorkspace := fake.Home()
	fmt.Fprintf(stdout, "fake Sarvam API on %s (org %s, workspace %s); stats at http://%s%s\n",
		baseURL, homeOrg, homeWorkspace, ln.Addr(), fakeapi.StatsPath)
	for _, f := range fake.PathFaults() {
		fmt.Fprintf(stdout, "fault %s\n", f)
	}

	srv := &http.Server{Handler: fake.WithStats(), ReadHeaderTimeout: 5 * time.Second}
	shutDown := make(chan struct{})
	go func() {
		defer close(shutDown)
		<-ctx.Done()
		shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = srv.Shutdown(shutdown)
	}()
	err = srv.Serve(ln)
	if errors.Is(err, http.ErrServerClosed) {
		// Serve returns as Shutdown starts: wait for the requests to end.
		<-shutDown
		err = nil
	}
	fake.SetRequestLog(nil) // writes the log's last lines
	return err
}
