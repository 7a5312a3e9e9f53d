// The official Go SDK's rows of bench/RESULTS.md (huaweicloud-sdk-go-v3, services/ucs/v1):
// clusters.get, clusters.list with 50 and 500, and 64 calls in flight, against the emulator.
//
//	go run . BASE AK SK DOMAIN_ID CLUSTER_ID
package main

import (
	"encoding/json"
	"fmt"
	"os"
	"sort"
	"sync"
	"time"

	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core/auth/global"
	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core/config"
	ucs "github.com/huaweicloud/huaweicloud-sdk-go-v3/services/ucs/v1"
	"github.com/huaweicloud/huaweicloud-sdk-go-v3/services/ucs/v1/model"
)

func emit(row map[string]any) {
	row["lang"] = "go"
	row["client"] = "official"
	text, _ := json.Marshal(row)
	fmt.Println(string(text))
}

func latencies(op string, runs int, call func() error) {
	for i := 0; i <= runs/10; i++ {
		if err := call(); err != nil {
			fmt.Fprintln(os.Stderr, op, err)
			os.Exit(1)
		}
	}
	times := make([]float64, 0, runs)
	for i := 0; i < runs; i++ {
		started := time.Now()
		if err := call(); err != nil {
			fmt.Fprintln(os.Stderr, op, err)
			os.Exit(1)
		}
		times = append(times, float64(time.Since(started).Nanoseconds())/1e3)
	}
	sort.Float64s(times)
	emit(map[string]any{"op": op, "median_us": times[len(times)/2], "p90_us": times[len(times)*9/10], "runs": runs})
}

func main() {
	if len(os.Args) != 6 {
		fmt.Fprintln(os.Stderr, "usage: go run . BASE AK SK DOMAIN_ID CLUSTER_ID")
		os.Exit(2)
	}
	base, ak, sk, domain, cid := os.Args[1], os.Args[2], os.Args[3], os.Args[4], os.Args[5]
	creds, err := global.NewCredentialsBuilder().WithAk(ak).WithSk(sk).WithDomainId(domain).SafeBuild()
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	hc, err := ucs.UcsClientBuilder().WithEndpoints([]string{base}).WithCredential(creds).
		WithHttpConfig(config.DefaultHttpConfig().WithRetries(0)).SafeBuild()
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	client := ucs.NewUcsClient(hc)
	get := func() error {
		_, err := client.ShowCluster(&model.ShowClusterRequest{Clusterid: cid})
		return err
	}
	list := func(n int32) func() error {
		return func() error {
			_, err := client.ShowClusterList(&model.ShowClusterListRequest{Limit: &n})
			return err
		}
	}
	latencies("get", 2000, get)
	latencies("list50", 300, list(50))
	latencies("list500", 60, list(500))

	const inFlight, total = 64, 6400
	var wg sync.WaitGroup
	started := time.Now()
	for w := 0; w < inFlight; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < total/inFlight; i++ {
				if err := get(); err != nil {
					fmt.Fprintln(os.Stderr, err)
					os.Exit(1)
				}
			}
		}()
	}
	wg.Wait()
	emit(map[string]any{"op": "concurrent64", "calls_per_sec": total / time.Since(started).Seconds()})
}
