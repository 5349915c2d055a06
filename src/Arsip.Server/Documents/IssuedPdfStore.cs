using Marten;

namespace Arsip.Documents;

/// <summary>
/// Where issued PDFs live: write-once, addressed by their SHA-256. Narrow on purpose, so the shared
/// blob store can replace <see cref="MartenIssuedPdfStore"/> without touching the endpoints.
/// </summary>
public interface IIssuedPdfStore
{
    /// <summary>Stores the bytes as part of the session's unit of work (committed with the signing events).</summary>
    Task PutAsync(IDocumentSession session, string sha256, Guid letterId, byte[] bytes, CancellationToken ct);

    Task<byte[]?> GetAsync(IQuerySession session, string sha256, CancellationToken ct);
}

/// <summary>An issued letter's bytes, in the agency's tenant. Inserted once, never updated.</summary>
public sealed class IssuedPdf
{
    /// <summary>SHA-256 of <see cref="Bytes"/>, lower-case hex.</summary>
    public string Id { get; set; } = "";
    public Guid LetterId { get; set; }
    public byte[] Bytes { get; set; } = [];
}

/// <summary>
/// Issued PDFs as Marten documents in the same transaction as the events that issue them: no
/// orphan files and no signed letter without its PDF. A letter is about 25 KB, so the database copes.
/// </summary>
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
