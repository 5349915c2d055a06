using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Arsip.Searching;

/// <summary>How far this node's index is behind the event log. Being behind (catching up, rebuilding) leaves the node healthy:
/// it answers, and the number says how fresh its search is.</summary>
public sealed class SearchIndexHealthCheck(IDocumentStore store, SearchIndexHost host) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        try
        {
            var index = host.Index;
            var head = await IndexNodes.HeadAsync(store, ct);
            var checkpoint = index.Checkpoint ?? 0;
            var behind = Math.Max(0, head - checkpoint);
            var data = new Dictionary<string, object>
            {
                ["node"] = host.NodeName, ["checkpoint"] = checkpoint, ["head"] = head, ["behind"] = behind, ["rebuilding"] = index.Rebuilding,
                ["reindexRequest"] = index.ReindexRequest,
            };
            return HealthCheckResult.Healthy(index.Rebuilding
                ? $"Indeks pencarian sedang dibangun ulang; indeks lama dipakai sampai selesai (the search index is being rebuilt; {behind} events behind until then)."
                : $"Indeks pencarian tertinggal {behind} peristiwa (the search index is {behind} events behind).", data);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return HealthCheckResult.Degraded("Posisi indeks pencarian tidak dapat dibaca (the search index's position cannot be read).", e);
        }
    }
}
