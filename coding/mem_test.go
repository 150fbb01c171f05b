package coding_test

import "cmocoder.org/cmocoder/coding/codingtest"

// memTx is the project in memory the domain's tests apply changes to.
type memTx = codingtest.MemTx

func newMemTx() *memTx { return codingtest.NewMemTx() }
