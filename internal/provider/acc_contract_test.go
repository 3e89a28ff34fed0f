package provider

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// contractReportPath is where the report is written, relative to this
// package: build/ at the root of the module, beside make test's report.
var contractReportPath = filepath.Join("..", "..", "build", "contract-report.md")

// TestAccContractReport asks the API each question the API's documentation
// leaves open and writes the answers as a table, to the test log and to
// build/contract-report.md. Against the fake it shows the fake's answers.
func TestAccContractReport(t *testing.T) {
	accParallel(t)
	accContractReport(t, newAccTarget(t))
}

func accContractReport(t *testing.T, tg *accTarget) {
	p := tg.contractProbe(t)
	rows, err := p.rows()
	if err != nil {
		t.Fatalf("probing the API: %v", err)
	}
	where := "the API at " + p.raw.base.Host
	if tg.fake != nil {
		where = "the fake API (internal/fakeapi, demo data, default modes)"
	}
	report := contractTable(where, rows)
	t.Log("\n" + report)
	if err := os.MkdirAll(filepath.Dir(contractReportPath), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(contractReportPath, []byte(report), 0o644); err != nil {
		t.Fatal(err)
	}
}

// contractProbe chooses the probe's subjects from what the API lists.
func (tg *accTarget) contractProbe(t *testing.T) *contractProbe {
	t.Helper()
	p := &contractProbe{
		ctx: context.Background(), raw: tg.raw,
		foreignWorkspace: tg.getenv(envTestForeignWorkspace), foreignCampaign: tg.getenv(envTestForeignCampaign),
	}
	for _, c := range tg.campaignSample(t, 20) {
		if hasCase(*c.Name) {
			p.name, p.id = *c.Name, *c.CampaignID
			break
		}
	}
	if p.name == "" {
		t.Fatal("none of the first 20 campaigns has a name with a letter; the search questions cannot be asked")
	}
	p.webhookID, _ = tg.webhookSubject(t)
	return p
}

// contractTable is the report: one row per question.
func contractTable(where string, rows []contractRow) string {
	var b strings.Builder
	fmt.Fprintf(&b, "# Contract report\n\nWhat %s answered on %s to each question its documentation leaves open.\n\n", where, time.Now().UTC().Format("2006-01-02 15:04 MST"))
	b.WriteString("| Question | Answer | Evidence |\n|---|---|---|\n")
	for _, r := range rows {
		fmt.Fprintf(&b, "| %s | %s | %s |\n", r.question, r.answer, strings.ReplaceAll(r.evidence, "|", `\|`))
	}
	return b.String()
}
