package client

import "testing"

// BenchmarkDecodeListPage decodes one full page of 100 campaign summaries,
// envelope and items, as a list read does for every page.
func BenchmarkDecodeListPage(b *testing.B) {
	body := []byte(envelope(campaignItems(0, pageLimit), 20007, 0, true))
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	for b.Loop() {
		p, err := decodeObject(200, body, "", pageRequired)
		if err != nil {
			b.Fatal(err)
		}
		items, err := decodeItems(p.Items, campaignSummaryRequired)
		if err != nil || len(items) != pageLimit {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*pageLimit), "ns/item")
}
