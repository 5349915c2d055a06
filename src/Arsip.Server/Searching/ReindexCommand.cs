using JasperFx.CommandLine;

namespace Arsip.Searching;

/// <summary>Run while the server is stopped; the next start rebuilds from the event log.</summary>
[Description("Empty this node's search index (checkpoint 0) so the server rebuilds it from the event log; run while the server is stopped", Name = "reindex")]
public sealed class ReindexCommand : JasperFxCommand<NetCoreInput>
{
    public override bool Execute(NetCoreInput input)
    {
        using var host = input.BuildHost();
        using var index = new SearchIndexHost(host.Services.GetRequiredService<IConfiguration>());
        index.Index.DeleteAll();
        index.Index.Commit(0);
        Console.WriteLine("Indeks pencarian dikosongkan; server akan membangunnya ulang saat mulai (search index emptied; rebuilt at next start).");
        return true;
    }
}
