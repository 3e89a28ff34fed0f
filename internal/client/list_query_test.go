package client

import "testing"

// The sort a list is read with is the caller's, or the default for each
// part left empty: the same values listQuery sends.
func TestListQuerySort(t *testing.T) {
	for _, tc := range []struct {
		q         ListQuery
		by, order string
	}{
		{ListQuery{}, "created_at", "desc"},
		{ListQuery{SortBy: "name"}, "name", "desc"},
		{ListQuery{SortOrder: "asc"}, "created_at", "asc"},
		{ListQuery{SortBy: "updated_at", SortOrder: "asc"}, "updated_at", "asc"},
	} {
		by, order := tc.q.Sort()
		if by != tc.by || order != tc.order {
			t.Errorf("%+v: Sort() = %q, %q; want %q, %q", tc.q, by, order, tc.by, tc.order)
		}
		v, err := listQuery(tc.q, "")
		if err != nil {
			t.Fatal(err)
		}
		if v.Get("sort_by") != by || v.Get("sort_order") != order {
			t.Errorf("%+v: sent sort_by=%q sort_order=%q, but Sort() says %q, %q", tc.q, v.Get("sort_by"), v.Get("sort_order"), by, order)
		}
	}
}
