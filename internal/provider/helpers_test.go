package provider

import (
	"context"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	tfcompare "github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/sarvamai/terraform-provider-sarvam/internal/fakeapi"
)

// Helpers the tests of several files share.

// testKey is recognisable so that any leak of it is easy to find.
const testKey = "sk_test_LEAKCHECK_5b1e7c2d9f"

const dsAddr = "data.sarvam_campaign.test"

var testProviders = map[string]func() (tfprotov6.ProviderServer, error){
	"sarvam": providerserver.NewProtocol6WithError(New("test")()),
}

// providersWithEnv serves a provider whose environment is env alone, so
// that tests configured from the environment can run at once.
func providersWithEnv(env map[string]string) map[string]func() (tfprotov6.ProviderServer, error) {
	p := &sarvamProvider{version: "test", getenv: func(name string) string { return env[name] }}
	return map[string]func() (tfprotov6.ProviderServer, error){"sarvam": providerserver.NewProtocol6WithError(p)}
}

// startEnv holds the SARVAM_* variables the test binary was started with.
// TestMain takes them out of the environment, so that no test reads the
// developer's own settings; the acceptance suite puts them back when they
// name a workspace (accExternal).
var startEnv = map[string]string{}

// clearEnv undoes, for this test, what a test before it left in the
// environment. TestMain has already taken the developer's own settings
// out, and a test that sets a variable runs alone (t.Setenv refuses a
// parallel test), so in a parallel test there is nothing to clear and
// clearEnv sets nothing.
func clearEnv(t *testing.T) {
	t.Helper()
	for _, v := range []string{EnvAPIKey, EnvBaseURL, EnvOrgID, EnvWorkspaceID, EnvMaxRetries, EnvRequestTimeout} {
		if _, set := os.LookupEnv(v); set {
			t.Setenv(v, "")
		}
	}
}

// startFake serves a fresh fake API on loopback.
func startFake(t *testing.T) (*fakeapi.Server, string) {
	t.Helper()
	clearEnv(t)
	fake := fakeapi.New(testKey)
	srv := httptest.NewServer(fake)
	t.Cleanup(srv.Close)
	return fake, srv.URL + fakeapi.BasePath
}

// requiredProviders names the provider by its registry address, as users do.
const requiredProviders = `
terraform {
  required_providers {
    sarvam = { source = "sarvamai/sarvam" }
  }
}
`

func campaignBlock(id string) string {
	return fmt.Sprintf(`
data "sarvam_campaign" "test" {
  campaign_id = %q
}
`, id)
}

// expectFailure runs one config that must fail, and checks the whole error
// text: it must match want and contain none of forbidden. ExpectError cannot
// assert that something is absent, so the error is taken through ErrorCheck.
// Each space in pattern matches any run of white space, since Terraform
// wraps long diagnostics.
func expectFailure(t *testing.T, config string, pattern string, forbidden ...string) {
	t.Helper()
	expectFailureIn(t, nil, config, pattern, forbidden...)
}

// expectFailureIn is expectFailure with a provider whose environment is env
// alone (nil: the process's).
func expectFailureIn(t *testing.T, env map[string]string, config string, pattern string, forbidden ...string) {
	t.Helper()
	providers := testProviders
	if env != nil {
		providers = providersWithEnv(env)
	}
	checkFailure(t, applyError(t, nil, providers, config), pattern, forbidden...)
}

// checkFailure checks the error of a config applied, as expectFailure does.
func checkFailure(t *testing.T, got error, pattern string, forbidden ...string) {
	t.Helper()
	want := regexp.MustCompile("(?s)" + strings.ReplaceAll(pattern, " ", `\s+`))
	if !want.MatchString(got.Error()) {
		t.Fatalf("error does not match %s:\n%s", want, got)
	}
	for _, f := range forbidden {
		if f != "" && strings.Contains(got.Error(), f) {
			t.Fatalf("error contains %q, which must never be shown:\n%s", f, got)
		}
	}
}

// applyError applies config, which must fail, with the version checks and
// the providers given, and returns its error; nil when the CLI was skipped.
// The test fails if config applied.
func applyError(t *testing.T, versions []tfversion.TerraformVersionCheck, providers map[string]func() (tfprotov6.ProviderServer, error), config string) error {
	t.Helper()
	var got error
	resource.UnitTest(t, resource.TestCase{
		TerraformVersionChecks:   versions,
		ProtoV6ProviderFactories: providers,
		ErrorCheck: func(err error) error {
			got = err
			return nil
		},
		Steps: []resource.TestStep{{Config: config}},
	})
	if got == nil && !t.Skipped() {
		t.Fatalf("the config was applied without error:\n%s", config)
	}
	return got
}

// expectNoError applies a config that must succeed.
func expectNoError(t *testing.T, config string) {
	t.Helper()
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps:                    []resource.TestStep{{Config: config}},
	})
}

// expectNoErrorIn is expectNoError with a provider whose environment is env
// alone.
func expectNoErrorIn(t *testing.T, env map[string]string, config string) {
	t.Helper()
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: providersWithEnv(env),
		Steps:                    []resource.TestStep{{Config: config}},
	})
}

func expect(attr string, v knownvalue.Check) statecheck.StateCheck {
	return statecheck.ExpectKnownValue(dsAddr, tfjsonpath.New(attr), v)
}

func strs(vs ...string) knownvalue.Check {
	c := make([]knownvalue.Check, len(vs))
	for i, v := range vs {
		c[i] = knownvalue.StringExact(v)
	}
	return knownvalue.ListExact(c)
}

func ints(vs ...int64) knownvalue.Check {
	c := make([]knownvalue.Check, len(vs))
	for i, v := range vs {
		c[i] = knownvalue.Int64Exact(v)
	}
	return knownvalue.ListExact(c)
}

func enabled(b bool) knownvalue.Check {
	return knownvalue.ObjectExact(map[string]knownvalue.Check{"enabled": knownvalue.Bool(b)})
}

// everyAttributeSet fails when any attribute of the data source at addr, at
// any depth, is null: read from a fully populated fixture, a null means a
// mapping line is missing. Free-form values (dynamic attributes, whose
// content is the API's own JSON) are skipped by their dotted path.
func everyAttributeSet(addr string, freeForm ...string) statecheck.StateCheck {
	return attributesSet{addr: addr, freeForm: freeForm}
}

// expectWhole checks the data source at addr whole, as ObjectExact checks a
// nested object: every attribute want names must hold its value, and an
// attribute that want does not name fails the check. ExpectKnownValue starts
// from one named attribute, so checks of it one by one cannot see an
// attribute added beside them.
func expectWhole(addr string, want map[string]knownvalue.Check) statecheck.StateCheck {
	return wholeObject{addr: addr, want: want}
}

var compareSame = tfcompare.ValuesSame()

// exact matches the whole detail text, wrapped however Terraform wraps it.
func exact(summary, detail string) string {
	return regexp.QuoteMeta(summary) + `.*` + regexp.QuoteMeta(detail)
}

// readRequestWith is a read of ds with the given arguments, the rest null.
func readRequestWith(t *testing.T, ctx context.Context, ds datasource.DataSource, args map[string]tftypes.Value) (datasource.ReadRequest, *datasource.ReadResponse) {
	t.Helper()
	var sresp datasource.SchemaResponse
	ds.Schema(ctx, datasource.SchemaRequest{}, &sresp)
	typ, ok := sresp.Schema.Type().TerraformType(ctx).(tftypes.Object)
	if !ok {
		t.Fatal("the schema is not an object type")
	}
	vals := map[string]tftypes.Value{}
	for name, at := range typ.AttributeTypes {
		vals[name] = tftypes.NewValue(at, nil)
	}
	for name, v := range args {
		vals[name] = v
	}
	req := datasource.ReadRequest{Config: tfsdk.Config{Schema: sresp.Schema, Raw: tftypes.NewValue(typ, vals)}}
	return req, &datasource.ReadResponse{State: tfsdk.State{Schema: sresp.Schema, Raw: tftypes.NewValue(typ, nil)}}
}

type panickingTransport struct{}

// RoundTrip panics with the request's key in the panic value: the worst
// case for a bug, as if a library formatted the request into its message.
func (panickingTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	panic(fmt.Sprintf("boom with header %s", req.Header.Get("X-API-Key")))
}

// readRequest builds a Read request for campaignID with every other
// attribute null, as Terraform would send it.
func readRequest(t *testing.T, ctx context.Context, ds datasource.DataSource, campaignID string) (datasource.ReadRequest, *datasource.ReadResponse) {
	t.Helper()
	return readRequestWith(t, ctx, ds, map[string]tftypes.Value{"campaign_id": tftypes.NewValue(tftypes.String, campaignID)})
}

// schemaOf is the schema a data source declares.
func schemaOf(ds datasource.DataSource) schema.Schema {
	var resp datasource.SchemaResponse
	ds.Schema(context.Background(), datasource.SchemaRequest{}, &resp)
	return resp.Schema
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// queriesTo returns the query of each request the fake saw whose path ends
// in suffix, in the order they came.
func queriesTo(t *testing.T, fake *fakeapi.Server, suffix string) []url.Values {
	t.Helper()
	var out []url.Values
	for _, r := range fake.Requests() {
		if strings.HasSuffix(r.EscapedPath, suffix) {
			q, err := url.ParseQuery(r.RawQuery)
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, q)
		}
	}
	return out
}

// loanRemindersSummary checks the 11 summary fields of the fully populated
// campaign, as a list holds them and as a read by id starts.
func loanRemindersSummary() map[string]knownvalue.Check {
	return map[string]knownvalue.Check{
		"campaign_id": knownvalue.StringExact(fakeapi.LoanRemindersID),
		"name":        knownvalue.StringExact("Loan EMI reminders - November"),
		"status":      knownvalue.StringExact("ended"),
		"app_id":      knownvalue.StringExact("app-emi-reminder-7f3a"),
		"created_by":  knownvalue.StringExact("priya.raman@example.in"),
		"created_at":  knownvalue.StringExact("2026-10-28T11:02:41Z"),
		"updated_at":  knownvalue.StringExact("2026-11-02T06:45:10.123456Z"),
		"description": knownvalue.StringExact("Reminds borrowers of the EMI due on the 5th."),
		"app_type":    knownvalue.StringExact("agent"),
		"app_version": knownvalue.Int64Exact(2),
		"updated_by":  knownvalue.StringExact("arjun.mehta@example.in"),
	}
}

func webhookBody(id, name, created string) []byte {
	return fmt.Appendf(nil, `{"webhook_id":%q,"name":%q,"url":"https://hooks.example.in/%s","created_by":"ops-bot","created_at":%q,"updated_at":%q,"custom_headers":null,"updated_by":null}`,
		id, name, id, created, created)
}

var (
	// providerFunctions came in Terraform 1.8 and OpenTofu 1.7.
	providerFunctions = cliFeature{"provider functions", tfversion.Version1_8_0, tfversion.Version1_7_0}
	// ephemeralResources came in Terraform 1.10 and OpenTofu 1.11.
	ephemeralResources = cliFeature{"ephemeral resources", tfversion.Version1_10_0, tfversion.Version1_11_0}
)

// functionVersions skips a test on CLI releases without provider functions:
// Terraform below 1.8, OpenTofu below 1.7.
var functionVersions = []tfversion.TerraformVersionCheck{providerFunctions}

// nxdomainResolver points the process's resolver, which the provider's
// transport dials through, at an in-process DNS server that answers every
// query with NXDOMAIN ("no such name"), so a test of an unknown host does
// not depend on what the machine's resolver says. The returned function
// lists the names asked so far. Tests using it must not run in parallel.
func nxdomainResolver(t *testing.T) func() []string {
	t.Helper()
	var mu sync.Mutex
	var asked []string
	saved := net.DefaultResolver
	net.DefaultResolver = &net.Resolver{
		PreferGo: true,
		Dial: func(context.Context, string, string) (net.Conn, error) {
			client, server := net.Pipe()
			go answerNXDOMAIN(server, func(name string) {
				mu.Lock()
				defer mu.Unlock()
				asked = append(asked, name)
			})
			return client, nil
		},
	}
	t.Cleanup(func() { net.DefaultResolver = saved })
	return func() []string {
		mu.Lock()
		defer mu.Unlock()
		return slices.Clone(asked)
	}
}

type planHasNo struct{ secret string }

func (c planHasNo) CheckPlan(_ context.Context, req plancheck.CheckPlanRequest, resp *plancheck.CheckPlanResponse) {
	b, err := json.Marshal(req.Plan)
	if err != nil {
		resp.Error = err
		return
	}
	if strings.Contains(string(b), c.secret) {
		resp.Error = errString("the API key is in the plan")
	}
}

// stateHasNo fails when the state holds secret; it must hold mustHave, or
// the check would prove nothing.
type stateHasNo struct{ secret, mustHave string }

func (c stateHasNo) CheckState(_ context.Context, req statecheck.CheckStateRequest, resp *statecheck.CheckStateResponse) {
	b, err := json.Marshal(req.State)
	if err != nil {
		resp.Error = err
		return
	}
	if !strings.Contains(string(b), c.mustHave) {
		resp.Error = errString("the state does not hold " + c.mustHave + "; the check would prove nothing")
		return
	}
	if strings.Contains(string(b), c.secret) {
		resp.Error = errString("the secret is in the state")
	}
}

const webhookAddr = "data.sarvam_webhook_config.test"

func webhookBlock(id string) string {
	return fmt.Sprintf("\ndata \"sarvam_webhook_config\" \"test\" {\n  webhook_id = %q\n}\n", id)
}

// answerNXDOMAIN serves DNS over a stream (each message after its 2-byte
// length, as over TCP, which is what the resolver speaks on a conn that is
// not a PacketConn) until the other end closes. The answer is the query
// itself with the response and recursion-available bits and RCODE 3 set:
// same id, same question, no records.
func answerNXDOMAIN(c net.Conn, asked func(name string)) {
	defer c.Close()
	for {
		var size [2]byte
		if _, err := io.ReadFull(c, size[:]); err != nil {
			return
		}
		msg := make([]byte, binary.BigEndian.Uint16(size[:]))
		if _, err := io.ReadFull(c, msg); err != nil || len(msg) < 12 {
			return
		}
		asked(questionName(msg))
		msg[2] = 0x80 | msg[2]&0x01 // QR, keeping RD
		msg[3] = 0x80 | 3           // RA, RCODE 3
		if _, err := c.Write(append(size[:], msg...)); err != nil {
			return
		}
	}
}

// questionName reads the name of the first question, which follows the
// 12-byte header as length-prefixed labels.
func questionName(msg []byte) string {
	var labels []string
	for i := 12; i < len(msg) && msg[i] != 0; i += 1 + int(msg[i]) {
		end := min(i+1+int(msg[i]), len(msg))
		labels = append(labels, string(msg[i+1:end]))
	}
	return strings.Join(labels, ".")
}

// exactIDs is the ids of the items named exactly name; of returns an
// item's name and id.
func exactIDs[T any](items []T, name string, of func(*T) (*string, *string)) []string {
	var ids []string
	for i := range items {
		if n, id := of(&items[i]); deref(n) == name {
			ids = append(ids, deref(id))
		}
	}
	return ids
}

// byName is a read by name of one kind of item, and how to list the ids of
// the items named exactly that, with whether that listing is complete.
type byName struct {
	config, addr, idAttr, kinds string
	exact                       func() ([]string, bool, error)
}

// checkByNameOf reads by name and checks the outcome against a listing by
// the same search: one item of exactly that name, or the several-items error.
func checkByNameOf(t *testing.T, tg *accTarget, b byName, name string) {
	t.Helper()
	var resolved map[string]any
	err := tg.runExpectingError(t, b.config, stateCheck(func(st accState) []string {
		resolved = st.one(b.addr)
		return nil
	}))
	exact, complete, lerr := b.exact()
	if lerr != nil {
		t.Fatalf("listing the %s found by the search: %v", b.kinds, lerr)
	}
	if err == nil {
		if got := str(resolved, "name"); got != name {
			t.Fatalf("by name resolved to an item named %q", got)
		}
		if id := str(resolved, b.idAttr); !slices.Contains(exact, id) && complete {
			t.Fatalf("by name resolved to %q, which the search does not list under that exact name (it lists %v)", id, exact)
		}
		if len(exact) > 1 {
			t.Fatalf("by name resolved one item, but %d are named exactly that: %v", len(exact), exact)
		}
		t.Logf("by name resolved to the one item of that name")
		return
	}
	words := strings.ReplaceAll(regexp.QuoteMeta(b.kinds), " ", `\s+`)
	pattern := regexp.MustCompile(`(?s)Several\s+` + words + `\s+have\s+this\s+name.*` + fmt.Sprintf(`\d+\s+%s\s.*are\s+named\s+%s`, words, regexp.QuoteMeta(fmt.Sprintf("%q", name))))
	if !pattern.MatchString(err.Error()) {
		t.Fatalf("by name failed with something else than the several-%s error:\n%v", b.kinds, err)
	}
	if len(exact) < 2 && complete {
		t.Fatalf("by name says several %s are named that, but the search lists %d under that exact name", b.kinds, len(exact))
	}
	t.Logf("by name refused a name %d %s share", len(exact), b.kinds)
}

// orderProblems checks that created_at never goes against order. Campaigns
// created at the same instant may come in any order.
func orderProblems(order string, list []map[string]any) []string {
	var problems []string
	for i := 1; i < len(list); i++ {
		prev, _ := time.Parse(time.RFC3339Nano, str(list[i-1], "created_at"))
		cur, _ := time.Parse(time.RFC3339Nano, str(list[i], "created_at"))
		if (order == "asc" && cur.Before(prev)) || (order == "desc" && cur.After(prev)) {
			problems = append(problems, fmt.Sprintf("sort_order %s: campaigns[%d] created %s comes after one created %s", order, i, str(list[i], "created_at"), str(list[i-1], "created_at")))
		}
	}
	return problems
}

// reverseProblems checks that asc and desc hold the same campaigns, and that
// their creation times read in reverse are the same sequence.
func reverseProblems(asc, desc []map[string]any) []string {
	ids := func(l []map[string]any) []string {
		out := make([]string, len(l))
		for i, m := range l {
			out[i] = str(m, "campaign_id")
		}
		slices.Sort(out)
		return out
	}
	if a, d := ids(asc), ids(desc); !slices.Equal(a, d) {
		return []string{fmt.Sprintf("asc lists %d campaigns and desc %d, not the same set", len(a), len(d))}
	}
	for i := range asc {
		a, _ := time.Parse(time.RFC3339Nano, str(asc[i], "created_at"))
		d, _ := time.Parse(time.RFC3339Nano, str(desc[len(desc)-1-i], "created_at"))
		if !a.Equal(d) {
			return []string{fmt.Sprintf("asc[%d] was created %s but desc read backwards has %s there", i, a, d)}
		}
	}
	return nil
}

func sameInstant(v any, want time.Time) bool {
	s, _ := v.(string)
	got, err := time.Parse(time.RFC3339, s)
	return err == nil && got.Equal(want)
}

// directWindow computes, day by day with the time package, the window of
// sched that contains at or else opens next. A window opens at the start
// time of an allowed day and closes at the end time, the next day when the
// end is not after the start.
func directWindow(sched map[string]any, at time.Time) (opens, closes time.Time, open bool, err error) {
	start, err1 := time.Parse("15:04", str(sched, "allowed_start_time"))
	end, err2 := time.Parse("15:04", str(sched, "allowed_end_time"))
	loc, err3 := time.LoadLocation(str(sched, "timezone"))
	if err1 != nil || err2 != nil || err3 != nil || str(sched, "timezone") == "" {
		return opens, closes, false, fmt.Errorf("schedule %v is not HH:MM times in an IANA zone", sched)
	}
	allowed := map[time.Weekday]bool{}
	for _, d := range strList(sched, "allowed_days") {
		found := false
		for w := time.Sunday; w <= time.Saturday; w++ {
			if w.String() == d {
				allowed[w], found = true, true
			}
		}
		if !found {
			return opens, closes, false, fmt.Errorf("schedule %v names a day %q that is not an English day name", sched, d)
		}
	}
	local := at.In(loc)
	for i := -2; i <= 8; i++ {
		day := time.Date(local.Year(), local.Month(), local.Day()+i, 0, 0, 0, 0, loc)
		if !allowed[day.Weekday()] {
			continue
		}
		o := time.Date(day.Year(), day.Month(), day.Day(), start.Hour(), start.Minute(), 0, 0, loc)
		c := time.Date(day.Year(), day.Month(), day.Day(), end.Hour(), end.Minute(), 0, 0, loc)
		if !c.After(o) {
			c = c.AddDate(0, 0, 1)
		}
		if at.Before(c) {
			return o, c, !at.Before(o), nil
		}
	}
	return opens, closes, false, fmt.Errorf("schedule %v has no window within 8 days of %s", sched, at)
}

// checkOtherWorkspaceError asserts what any wording of the 403 and 404
// diagnostics keeps: the campaign and workspace asked for, and the status.
func checkOtherWorkspaceError(t *testing.T, err error, id, ws string) {
	t.Helper()
	for _, want := range []string{
		fmt.Sprintf(`campaign\s+%s`, regexp.QuoteMeta(fmt.Sprintf("%q", id))),
		fmt.Sprintf(`workspace\s+%s`, regexp.QuoteMeta(fmt.Sprintf("%q", ws))),
		`HTTP\s+40[34]`,
	} {
		if !regexp.MustCompile(want).MatchString(err.Error()) {
			t.Errorf("the error does not match %s:\n%v", want, err)
		}
	}
}
