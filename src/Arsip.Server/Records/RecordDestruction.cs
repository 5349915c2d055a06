using Arsip.Correspondence;
using Marten;

namespace Arsip.Records;

// STUB: replaced by B2's file at merge

/// <summary>why the content went: the disposal, its berita acara number, who executed it</summary>
public sealed record DestructionWarrant(Guid DisposalId, string Reference, Guid ByPersonId, string By, DateTimeOffset At);

public sealed record DestroyedLetter(Guid LetterId, LetterDirection Direction, string? Number, DateOnly? LetterDate, string Correspondent, string Subject, string Classification);

public static class RecordDestruction
{
    /// <summary>
    /// Reduces every letter (and its dispositions) of one berkas to its tombstone inside the session's unit of work
    /// (appends the tombstone events, rewrites the views); returns what the berita acara lists. Idempotent: a letter
    /// already destroyed is returned from its tombstone and not touched again. Blobs are deleted after commit by B2's code.
    /// </summary>
    public static async Task<IReadOnlyList<DestroyedLetter>> DestroyCaseFileAsync(IDocumentSession session, CaseFile caseFile, DestructionWarrant warrant, CancellationToken ct)
    {
        // STUB: lists the letters from their views and destroys nothing
        var ids = caseFile.Letters.Select(l => l.LetterId).ToArray();
        var batch = session.CreateBatchQuery();
        var incoming = batch.LoadMany<IncomingLetterView>().ById(ids);
        var outgoing = batch.LoadMany<OutgoingLetterView>().ById(ids);
        await batch.Execute(ct);
        var i = (await incoming).ToDictionary(l => l.Id);
        var o = (await outgoing).ToDictionary(l => l.Id);
        var letters = new List<DestroyedLetter>();
        foreach (var filed in caseFile.Letters)
        {
            if (i.TryGetValue(filed.LetterId, out var inc))
                letters.Add(new(inc.Id, LetterDirection.Incoming, inc.SenderLetterNumber, inc.LetterDate, inc.Sender, inc.Subject, inc.Classification));
            else if (o.TryGetValue(filed.LetterId, out var outg))
                letters.Add(new(outg.Id, LetterDirection.Outgoing, outg.LetterNumber, outg.LetterDate,
                    string.Join("; ", outg.Content.Addressees.Select(a => a.Name)), outg.Content.Subject, outg.Content.Classification));
        }
        return letters;
    }
}
