package provider

import (
	"slices"
	"strings"
	"testing"

	"github.com/sarvamai/terraform-provider-sarvam/internal/fakeapi"
)

// The contract report classifies each answer the API might give: against
// a fake mode that gives it, the row says so.
func TestContractProbe_fakeModes(t *testing.T) {
	accParallel(t)
	for _, tc := range []struct {
		name  string
		modes fakeapi.Modes
		want  map[string]string
	}{
		{"defaults", fakeapi.Modes{}, map[string]string{
			"search-ignored": ansFilters, "search-case": ansYes, "search-substring": ansYes,
			"total": ansTotalNumber, "next-link": ansFromRoot, "unknown-status": ansEmptyList, "unknown-sort": ansHTTP422,
			"foreign": ansHTTP403, "unknown-workspace": ansHTTP403,
			"missing-object": ansErrorShape, "unknown-route": ansDetailBare, "signing-secret": ansYes,
		}},
		{"missing_detail", fakeapi.Modes{Missing: fakeapi.MissingDetail}, map[string]string{"missing-object": ansDetailText, "unknown-route": ansDetailBare}},
		{"missing_bare", fakeapi.Modes{Missing: fakeapi.MissingBare}, map[string]string{"missing-object": ansDetailBare, "unknown-route": ansDetailBare}},
		{"search_case_sensitive", fakeapi.Modes{Search: fakeapi.SearchSubstring}, map[string]string{
			"search-ignored": ansFilters, "search-case": ansNo, "search-substring": ansYes,
		}},
		{"search_exact", fakeapi.Modes{Search: fakeapi.SearchExact}, map[string]string{
			"search-case": ansNo, "search-substring": ansWholeName,
		}},
		{"search_prefix", fakeapi.Modes{Search: fakeapi.SearchFoldPrefix}, map[string]string{
			"search-case": ansYes, "search-substring": ansPrefixOnly,
		}},
		{"search_ignored", fakeapi.Modes{Search: fakeapi.SearchIgnored}, map[string]string{"search-ignored": ansIgnored}},
		{"total_omitted", fakeapi.Modes{Total: fakeapi.TotalOmitted}, map[string]string{"total": ansTotalAbsent}},
		{"total_null", fakeapi.Modes{Total: fakeapi.TotalNull}, map[string]string{"total": ansTotalNull}},
		{"links_absolute", fakeapi.Modes{Links: fakeapi.LinkAbsolute}, map[string]string{"next-link": ansAbsoluteURL}},
		{"links_from_base", fakeapi.Modes{Links: fakeapi.LinkFromBase}, map[string]string{"next-link": ansFromBase}},
		{"links_omitted", fakeapi.Modes{Links: fakeapi.LinkOmitted}, map[string]string{"next-link": ansLinkAbsent}},
		{"unknown_status_rejected", fakeapi.Modes{UnknownStatus: fakeapi.UnknownStatusRejected}, map[string]string{"unknown-status": ansHTTP422}},
		{"unknown_status_empty", fakeapi.Modes{UnknownStatus: fakeapi.UnknownStatusEmpty}, map[string]string{"unknown-status": ansEmptyList}},
		{"unknown_sort_ignored", fakeapi.Modes{UnknownSortBy: fakeapi.UnknownSortByIgnored}, map[string]string{"unknown-sort": ansSortIgnored}},
		{"foreign_not_found", fakeapi.Modes{Foreign: fakeapi.ForeignNotFound}, map[string]string{"foreign": ansHTTP404, "unknown-workspace": ansHTTP404}},
		{"foreign_hidden", fakeapi.Modes{Foreign: fakeapi.ForeignHidden}, map[string]string{"foreign": ansHTTP404, "unknown-workspace": ansEmptyList}},
		{"foreign_open", fakeapi.Modes{Foreign: fakeapi.ForeignOpen}, map[string]string{"foreign": ansReadable}},
		{"extra_fields", fakeapi.Modes{ExtraFields: true}, map[string]string{"extra-campaign": ansYes, "extra-list": ansYes, "extra-webhook": ansYes}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tg := newFakeTarget(t)
			tg.fake.SetModes(tc.modes)
			rows, err := tg.contractProbe(t).rows()
			if err != nil {
				t.Fatal(err)
			}
			got := map[string]contractRow{}
			for _, r := range rows {
				got[r.key] = r
			}
			for key, want := range tc.want {
				if got[key].answer != want {
					t.Errorf("%s: answer %q (%s), want %q", key, got[key].answer, got[key].evidence, want)
				}
			}
			// Only the extra-fields mode adds the fake's marker field; the
			// report must name it where it was seen, and only then.
			for _, key := range []string{"extra-campaign", "extra-list", "extra-webhook"} {
				if named := strings.Contains(got[key].evidence, fakeapi.ExtraField); named != tc.modes.ExtraFields {
					t.Errorf("%s: evidence %q names %s: %v, want %v", key, got[key].evidence, fakeapi.ExtraField, named, tc.modes.ExtraFields)
				}
			}
		})
	}
}

// The report is a table with one row per question, and a | in evidence
// does not break it.
func TestContractTable(t *testing.T) {
	rows := []contractRow{{key: "k", question: "Q?", answer: "A", evidence: "a | b"}, {key: "n", question: "N?", answer: "B"}}
	got := contractTable("the API at apps.sarvam.ai", false, rows, map[string]string{"k": "F"})
	if !strings.HasPrefix(got, "# Contract report\n") ||
		!strings.Contains(got, "| Question | Answer | Fake's default | Evidence |\n|---|---|---|---|\n| Q? | A | F | a \\| b |\n| N? | B | (not asked) |  |\n") {
		t.Fatalf("table:\n%s", got)
	}
	// A report of a fake says so in its first line.
	got = contractTable("a fake API at 127.0.0.1:1", true, rows, nil)
	if first, _, _ := strings.Cut(got, "\n"); first != "# Contract report of a fake API, not of Sarvam's" {
		t.Fatalf("first line %q", first)
	}
}

// Every question of the report gets an answer or a reason; a report that
// lost one, or has a question unchecked without saying why, fails.
func TestCheckContractRows(t *testing.T) {
	var rows []contractRow
	for _, k := range contractQuestions {
		rows = append(rows, contractRow{key: k, question: k + "?", answer: ansYes})
	}
	if p := contractRowProblems(rows); len(p) != 0 {
		t.Fatalf("a whole report: %v", p)
	}
	rows[1].answer, rows[1].evidence = ansNotChecked, ""
	rows[2].answer = ""
	failures := contractRowProblems(append(rows[:len(rows)-1:len(rows)-1], rows[0]))
	want := []string{
		"question search-case (\"search-case?\") was not checked, and the report does not say why",
		"question search-substring (\"search-substring?\") got no answer",
		"question search-ignored asked twice",
		"question signing-secret is missing from the report",
	}
	if !slices.Equal(failures, want) {
		t.Fatalf("problems\n%s\nwant\n%s", strings.Join(failures, "\n"), strings.Join(want, "\n"))
	}
}
