package client

import "testing"

// BenchmarkDecodeListPage decodes one full page of 100 campaign summaries,
// envelope and items, as a list read does for every page.
func BenchmarkDecodeListPage(b *testing.B) {
	body := []byte(envelope(campaignItems(0, pageLimit), 20007, 0, true))
	for _, bc := range []struct {
		name   string
		decode func() ([]CampaignSummary, error)
	}{
		{"one pass", func() ([]CampaignSummary, error) {
			p, err := decodePage(200, body, campaignSummaryRequired)
			if err != nil {
				return nil, err
			}
			return p.items, nil
		}},
		{"envelope, then item by item", func() ([]CampaignSummary, error) {
			p, err := decodeObject(200, body, "", pageRequired)
			if err != nil {
				return nil, err
			}
			return decodeItems(p.Items, campaignSummaryRequired)
		}},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.SetBytes(int64(len(body)))
			b.ReportAllocs()
			for b.Loop() {
				if items, err := bc.decode(); err != nil || len(items) != pageLimit {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*pageLimit), "ns/item")
		})
	}
}
