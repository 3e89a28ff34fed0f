package provider

import (
	"strings"
	"testing"

	"github.com/sarvamai/terraform-provider-sarvam/internal/fakeapi"
)

// The contract report classifies each answer the API might give: against
// a fake mode that gives it, the row says so.
func TestContractProbe_fakeModes(t *testing.T) {
	for _, tc := range []struct {
		name  string
		modes fakeapi.Modes
		want  map[string]string
	}{
		{"defaults", fakeapi.Modes{}, map[string]string{
			"search-ignored": ansFilters, "search-case": ansYes, "search-substring": ansYes,
			"total": ansTotalNumber, "next-link": ansFromRoot, "unknown-status": ansEmptyList, "unknown-sort": ansHTTP422,
			"foreign": ansHTTP403, "unknown-workspace": ansHTTP403,
			"missing-object": ansErrorShape, "unknown-route": ansDetailBare,
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
	got := contractTable("the fake", []contractRow{{key: "k", question: "Q?", answer: "A", evidence: "a | b"}})
	if !strings.Contains(got, "| Question | Answer | Evidence |\n|---|---|---|\n| Q? | A | a \\| b |\n") {
		t.Fatalf("table:\n%s", got)
	}
}
