
namespace Arsip.Documents;

/// <summary>Narrow on purpose, so the shared blob store can replace MartenIssuedPdfStore without touching the endpoints.</summary>
public interface IIssuedPdfStore
{
    /// <summary>Stores the bytes as part of the session's unit of work (committed with the signing events).</summary>
    Task PutAsync(IDocumentSession session, string sha256, Guid letterId, byte[] bytes, CancellationToken ct);

    Task<byte[]?> GetAsync(IQuerySession session, string sha256, CancellationToken ct);
}

public sealed class IssuedPdf
{
    public string Id { get; set; } = "";
    public Guid LetterId { get; set; }
    public byte[] Bytes { get; set; } = [];
}

/// <summary>In the same transaction as the signing events: no orphan files and no signed letter without its PDF; about 25 KB a letter, so the database copes.</summary>
public sealed class MartenIssuedPdfStore : IIssuedPdfStore
{
    public Task PutAsync(IDocumentSession session, string sha256, Guid letterId, byte[] bytes, CancellationToken ct)
    {
        session.Insert(new IssuedPdf { Id = sha256, LetterId = letterId, Bytes = bytes });
        return Task.CompletedTask;
    }

    public async Task<byte[]?> GetAsync(IQuerySession session, string sha256, CancellationToken ct) =>
        (await session.LoadAsync<IssuedPdf>(sha256, ct))?.Bytes;
}
