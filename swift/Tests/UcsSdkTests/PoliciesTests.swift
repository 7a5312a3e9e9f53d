// The policy job waiter (policies().waitJob) against the emulator; the policy operations
// themselves are shared cases (SharedCasesTests.swift).

import Foundation
import UcsSdk
import XCTest

final class PoliciesTests: EmulatorTestCase {
    /// waitJob reports every task and answers the final job
    func testWaitJobReportsEveryTaskAndAnswersTheJob() async throws {
        let cluster = try await client.clusters().register(body: attached("guarded")).uid
        let created = try await client.policies().enableCluster(clusterId: cluster, query: EnablePolicyQuery())
        let jobId = try XCTUnwrap(created.jobId)
        let recorder = Recorder()
        let job = try await client.policies().waitJob(jobId: jobId, timeoutMs: 30_000, listener: recorder)
        try check(job.status?.status == "Succeeded" && job.metadata?.uid == jobId, "final job \(job)")
        for task in ["CheckCluster", "InstallGatekeeper", "SyncPolicyDefinitions"] {
            try check(recorder.events.contains { $0.isSubJob && $0.job == task && $0.phase == "Succeeded" },
                      "no Succeeded event for \(task): \(recorder.events)")
        }
        try check(recorder.events.last?.job == "EnablePolicy", "last event \(String(describing: recorder.events.last))")
    }

    /// a failed task ends waitJob with JobFailed naming it
    func testAFailedTaskIsJobFailed() async throws {
        let cluster = try await client.clusters().register(body: attached("doomed")).uid
        try await control("PUT", "faults", #"{"policy_failure": "InstallGatekeeper"}"#)
        let created = try await client.policies().enableCluster(clusterId: cluster, query: EnablePolicyQuery())
        let jobId = try XCTUnwrap(created.jobId)
        let failed = try await ucsError({
            try await self.client.policies().waitJob(jobId: jobId, timeoutMs: 30_000, listener: Recorder())
        })
        guard case let .JobFailed(failedId, task, phase, reason, _) = failed else {
            throw Failure(description: "expected JobFailed, got \(failed)")
        }
        try check(failedId == jobId && task == "InstallGatekeeper" && phase == "Failed", "\(failed)")
        try check(reason.contains("InstallGatekeeper"), "reason \(reason)")
    }
}
