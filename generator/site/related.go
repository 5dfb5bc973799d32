package site

// related picks, for every page, up to maxRelated content pages that share
// its tags (2 points each) or its stage (1 point), best first, ties by title.
//
// Scores are counted over the pages of each of the page's tags, never over
// all pages, so the work is the sum of squared tag sizes rather than n².
// Stages are too coarse to count that way (a seventh of the site each): a
// page that shares only the stage scores 1, below any tag match, so those are
// taken from the front of the stage's title-sorted list only while places are
// left.
func (a *assembler) related() {
	// Everything here is indexed by rank (position in title order), so a
	// lower number is also the better tie-break.
	order := a.order
	tagPages := a.candidates(a.tagB)
	stagePages := a.candidates(a.stageB)

	// Score and stage side by side: the stage check then costs no extra cache miss.
	type slot struct{ score, stage int32 }
	slots := make([]slot, len(order))
	for i := range slots {
		slots[i].stage = int32(a.stage[i])
	}
	var touched []int32
	for i, sp := range order {
		touched = touched[:0]
		for _, r := range a.refsOf(i) {
			if r.b != a.tagB {
				continue
			}
			for _, j := range tagPages[r.id] {
				if slots[j].score == 0 {
					touched = append(touched, j)
				}
				slots[j].score += 2
			}
		}
		st := slots[i].stage
		var best topN
		for _, j := range touched {
			sc := slots[j].score
			if st >= 0 && slots[j].stage == st {
				sc++
			}
			if int(j) != i {
				best.offer(j, sc)
			}
		}
		if st >= 0 && best.n < maxRelated {
			for _, j := range stagePages[st] {
				if best.n == maxRelated {
					break
				}
				if int(j) != i && slots[j].score == 0 {
					best.offer(j, 1)
				}
			}
		}
		for _, j := range touched {
			slots[j].score = 0
		}
		if best.n > 0 {
			sp.Related = make([]*Page, best.n)
			for k := range best.n {
				sp.Related[k] = order[best.rank[k]]
			}
		}
	}
}

// candidates lists, per term id of b, the ranks of the content pages
// carrying it, ascending.
func (a *assembler) candidates(b *taxBuilder) [][]int32 {
	out := make([][]int32, len(b.terms))
	for id, tb := range b.terms {
		list := make([]int32, 0, len(tb.ranks))
		for k, p := range tb.term.Pages {
			if !p.IsFolder {
				list = append(list, int32(tb.ranks[k]))
			}
		}
		out[id] = list
	}
	return out
}

// topN keeps the best maxRelated candidates: higher score first, then lower rank.
type topN struct {
	n     int
	rank  [maxRelated]int32
	score [maxRelated]int32
}

func (t *topN) offer(rank, score int32) {
	if t.n == maxRelated && (score < t.score[t.n-1] || score == t.score[t.n-1] && rank > t.rank[t.n-1]) {
		return // the common case once full: worse than the last place
	}
	pos := t.n
	for pos > 0 && (score > t.score[pos-1] || (score == t.score[pos-1] && rank < t.rank[pos-1])) {
		pos--
	}
	if t.n < maxRelated {
		t.n++
	}
	for k := t.n - 1; k > pos; k-- {
		t.rank[k], t.score[k] = t.rank[k-1], t.score[k-1]
	}
	t.rank[pos], t.score[pos] = rank, score
}
