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
	checkContractRows(t, rows)
	fake := tg.fake != nil || p.raw.servedByFake
	where := "the API at " + p.raw.base.Host
	switch {
	case tg.fake != nil:
		where = "the fake API (internal/fakeapi, demo data, default modes)"
	case fake:
		where = "a fake API at " + p.raw.base.Host + " (sarvam-fakeapi, or a data set it generated)"
	}
	report := contractTable(where, fake, rows, fakeDefaultAnswers(t))
	t.Log("\n" + report)
	if err := os.MkdirAll(filepath.Dir(contractReportPath), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(contractReportPath, []byte(report), 0o644); err != nil {
		t.Fatal(err)
	}
}

// checkContractRows fails unless every question of the probe was asked once
// and got an answer, or a reason why it was not checked.
func checkContractRows(t *testing.T, rows []contractRow) {
	t.Helper()
	for _, p := range contractRowProblems(rows) {
		t.Error(p)
	}
}

// contractRowProblems is what checkContractRows fails on, one line each.
func contractRowProblems(rows []contractRow) []string {
	var out []string
	seen := map[string]bool{}
	for _, r := range rows {
		switch {
		case seen[r.key]:
			out = append(out, fmt.Sprintf("question %s asked twice", r.key))
		case r.question == "" || r.answer == "":
			out = append(out, fmt.Sprintf("question %s (%q) got no answer", r.key, r.question))
		case r.answer == ansNotChecked && r.evidence == "":
			out = append(out, fmt.Sprintf("question %s (%q) was not checked, and the report does not say why", r.key, r.question))
		}
		seen[r.key] = true
	}
	for _, key := range contractQuestions {
		if !seen[key] {
			out = append(out, fmt.Sprintf("question %s is missing from the report", key))
		}
	}
	return out
}

// fakeDefaultAnswers asks the bundled fake, in its default modes, the same
// questions: the report shows them beside the API's answers, so that a
// difference stands out.
func fakeDefaultAnswers(t *testing.T) map[string]string {
	out := map[string]string{}
	t.Run("fake_defaults", func(t *testing.T) {
		_, env := startAccFake(t)
		rows, err := targetFromEnv(t, env).contractProbe(t).rows()
		if err != nil {
			t.Fatalf("probing the fake: %v", err)
		}
		for _, r := range rows {
			out[r.key] = r.answer
		}
	})
	return out
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

// contractTable is the report: one row per question, with the bundled
// fake's default answer beside each. A report of a fake says so first.
func contractTable(where string, fake bool, rows []contractRow, fakeDefaults map[string]string) string {
	var b strings.Builder
	if fake {
		b.WriteString("# Contract report of a fake API, not of Sarvam's\n\n")
	} else {
		b.WriteString("# Contract report\n\n")
	}
	if fake {
		b.WriteString("**These answers come from a fake API, not from Sarvam's: they show the fake, and say nothing about the real API.**\n\n")
	}
	fmt.Fprintf(&b, "What %s answered on %s to each question its documentation leaves open, beside what the bundled fake answers in its default modes.\n\n", where, time.Now().UTC().Format("2006-01-02 15:04 MST"))
	b.WriteString("| Question | Answer | Fake's default | Evidence |\n|---|---|---|---|\n")
	cell := func(s string) string { return strings.ReplaceAll(s, "|", `\|`) }
	for _, r := range rows {
		def := fakeDefaults[r.key]
		if def == "" {
			def = "(not asked)"
		}
		fmt.Fprintf(&b, "| %s | %s | %s | %s |\n", r.question, cell(r.answer), cell(def), cell(r.evidence))
	}
	return b.String()
}
