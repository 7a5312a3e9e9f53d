// uniffi cannot express a stream: the pagers hand out a page per `next()` (nil at the end),
// fetched by the Rust core on demand. These wrappers turn them into `AsyncSequence`s of items.

/// The common shape of the generated pagers.
public protocol UcsPager: Sendable {
    associatedtype Item: Sendable
    func nextPage() async throws -> [Item]?
}

extension ClusterPager: UcsPager {
    public func nextPage() async throws -> [Cluster]? { try await next() }
}

extension FleetPager: UcsPager {
    public func nextPage() async throws -> [ClusterGroup]? { try await next() }
}

extension RulePager: UcsPager {
    public func nextPage() async throws -> [Rule]? { try await next() }
}

extension ConfigSetPager: UcsPager {
    public func nextPage() async throws -> [ConfigSet]? { try await next() }
}

extension RepoPager: UcsPager {
    public func nextPage() async throws -> [GitOpsRepo]? { try await next() }
}

/// Every item of a pager, page after page; the next page is fetched when the current one is used up.
public struct PagedSequence<Pager: UcsPager>: AsyncSequence {
    public typealias Element = Pager.Item

    let pager: Pager

    public init(_ pager: Pager) {
        self.pager = pager
    }

    public struct AsyncIterator: AsyncIteratorProtocol {
        let pager: Pager
        var buffer: [Pager.Item] = []
        var index = 0
        var finished = false

        public mutating func next() async throws -> Pager.Item? {
            while index >= buffer.count {
                if finished { return nil }
                guard let page = try await pager.nextPage() else {
                    finished = true
                    return nil
                }
                buffer = page
                index = 0
            }
            defer { index += 1 }
            return buffer[index]
        }
    }

    public func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(pager: pager)
    }
}

extension Clusters {
    /// Every cluster matching `query` (`limit` is the page size, default 50).
    public func iter(_ query: ListClustersQuery = ListClustersQuery()) -> PagedSequence<ClusterPager> {
        PagedSequence(pager(query: query))
    }
}

extension Fleets {
    /// Every fleet (`limit` is the page size, default 50).
    public func iter(_ query: PageQuery = PageQuery()) -> PagedSequence<FleetPager> {
        PagedSequence(pager(query: query))
    }
}

extension Rules {
    /// Every permission rule (`limit` is the page size, default 50).
    public func iter(_ query: PageQuery = PageQuery()) -> PagedSequence<RulePager> {
        PagedSequence(pager(query: query))
    }
}

extension ConfigSets {
    /// Every GitOps config set matching `query` (`limit` is the page size, default 50).
    public func iter(_ query: ListConfigSetsQuery = ListConfigSetsQuery()) -> PagedSequence<ConfigSetPager> {
        PagedSequence(pager(query: query))
    }
}

extension Repos {
    /// Every GitOps repository matching `query` (`limit` is the page size, default 50).
    public func iter(_ query: ListReposQuery = ListReposQuery()) -> PagedSequence<RepoPager> {
        PagedSequence(pager(query: query))
    }
}
