using Arsip.IntegrationTests.Infrastructure;
using Arsip.ReferenceData;
using Arsip.Records;

namespace Arsip.IntegrationTests.Records;

/// <summary>
/// Berkas as events, appended straight to the store: the berkas use cases are built on another branch. When they land,
/// these helpers become calls to <c>POST /api/case-files</c>, <c>…/letters</c> and <c>…/close</c>.
/// </summary>
public static class RecordsSeed
{
    private static int _numbers;

    public static async Task<Guid> CaseFileAsync(ArsipApp app, Guid unitId, string classification, IReadOnlyCollection<Guid> letters,
        DateOnly? closedOn = null, int activeYears = 2, int inactiveYears = 5, FinalAction finalAction = FinalAction.Musnah, string agency = "kota-bekasi")
    {
        var id = Guid.CreateVersion7();
        var now = app.Clock.GetUtcNow();
        var number = Interlocked.Increment(ref _numbers);
        var events = new List<object>
        {
            new CaseFileCreated(id, unitId, now.Year, number, classification, $"Berkas uji {number}", null, null, null, SecurityLevel.Biasa, false, Guid.Empty, "seed", now),
        };
        if (letters.Count > 0) events.Add(new LettersFiled(id, letters.Select(l => new FiledLetter(l, LetterDirection.Incoming)).ToArray(), null, null, Guid.Empty, "seed", now));
        if (closedOn is { } closed)
            events.Add(new CaseFileClosed(id, closed, new FixedRetention(1, classification, activeYears, inactiveYears, finalAction, RetentionTrigger.CaseFileClosed), Guid.Empty, "seed", now));
        await using var session = app.Store.LightweightSession(agency);
        session.Events.StartStream<CaseFile>(id, events);
        foreach (var letter in letters) session.Events.Append(letter, new LetterFiledInCaseFile(letter, id, null, null, Guid.Empty, "seed", now));
        await session.SaveChangesAsync();
        return id;
    }

    /// <summary>Files letters into an existing berkas.</summary>
    public static async Task FileAsync(ArsipApp app, Guid caseFileId, IReadOnlyCollection<Guid> letters, string agency = "kota-bekasi")
    {
        var now = app.Clock.GetUtcNow();
        await using var session = app.Store.LightweightSession(agency);
        session.Events.Append(caseFileId, new LettersFiled(caseFileId, letters.Select(l => new FiledLetter(l, LetterDirection.Incoming)).ToArray(), null, null, Guid.Empty, "seed", now));
        foreach (var letter in letters) session.Events.Append(letter, new LetterFiledInCaseFile(letter, caseFileId, null, null, Guid.Empty, "seed", now));
        await session.SaveChangesAsync();
    }
}
