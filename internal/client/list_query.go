package client

// Sort is the sort_by and sort_order a list is read with: q's own, or the
// defaults for those left empty. Callers that show the order of a list take
// it from here, so that the defaults are applied in this package only.
func (q ListQuery) Sort() (by, order string) {
	return orDefault(q.SortBy, DefaultSortBy), orDefault(q.SortOrder, DefaultSortOrder)
}
