using System.Text.Json;
using System.Text.Json.Serialization;
using Arsip.Access;
using Arsip.Audit;
using Arsip.Dispositions;
using Arsip.Infrastructure;
using Arsip.Organization;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Arsip.Pages;

public sealed class PutarModel(IDocumentStore store, ArsipClock clock) : PageModel
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public ReplayStep Step { get; private set; } = null!;
    public Guid Id { get; private set; }
    public IReadOnlyList<(string Key, string Label, IHtmlContent Value, bool Changed)> LetterFields { get; private set; } = [];
    public AuditView View { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, int? langkah, CancellationToken ct)
    {
        var caller = Caller.From(User);
        await using var session = store.QuerySession(caller.Agency);
        if (!await LetterHistory.CanSeeAsync(session, id, caller, ct)) return NotFound();
        var step = await LetterReplay.StepAsync(session, id, Math.Max(1, langkah ?? 1), clock, ct);
        if (step is null)
        {
            // past the end (or a letter with no events yet): go to the last step there is
            var last = (await LetterTimeline.ReadAsync(session, id, new Cutoff(Step: 1), ct)).Total;
            return last == 0 ? NotFound() : RedirectToPage(new { id, langkah = last });
        }
        Step = step;
        Id = id;
        View = await AuditView.LoadAsync(session, ct);
        LetterFields = Fields(step);
        return Page();
    }

    // identifiers and access tokens say nothing to a reader; the history keeps them
    private static bool Hidden(string key) => key is "id" or "accessTokens" || key.EndsWith("Id") || key.EndsWith("Ids");

    private IReadOnlyList<(string, string, IHtmlContent, bool)> Fields(ReplayStep step)
    {
        var changed = step.Changes.Select(c => c.Path.Split('/')).Where(p => p[0] == "letter" && p.Length > 1).Select(p => p[1]).ToHashSet();
        var state = JsonSerializer.SerializeToElement(step.State.State, Json);
        return state.EnumerateObject().Where(p => !Hidden(p.Name) || View.Shows(p.Name, p.Value))
            .Select(p => (p.Name, AuditView.Label(p.Name), View.Value(p.Name, p.Value), changed.Contains(p.Name))).ToList();
    }

    public IHtmlContent ShowChange(StateChange change, string? json) => View.Value(change.Path[(change.Path.LastIndexOf('/') + 1)..], json);

    public bool Changed(string prefix) => Step.Changes.Any(c => c.Path == prefix || c.Path.StartsWith(prefix + "/"));

    public bool IsNew(DispositionAt d) => Step.Changes.Any(c => c.Path == $"dispositions/{d.Id}/id" && c.Before is null);


    public static string Status(RecipientStatus status) => status switch
    {
        RecipientStatus.Unread => "Belum dibaca",
        RecipientStatus.Read => "Dibaca",
        RecipientStatus.InProgress => "Ditindaklanjuti",
        RecipientStatus.Done => "Selesai",
        _ => "Terlambat",
    };

    public static string State(DispositionState state) => state switch
    {
        DispositionState.Open => "Berjalan",
        DispositionState.Withdrawn => "Ditarik",
        _ => "Ditutup",
    };

    public static string Holder(PositionHolder h) => h.Acting is { } acting ? $"{h.Name} ({acting})" : h.Name;

    public static string Issuer(DispositionAt d) => d.IssuerActing is ActingKind acting ? $"{acting}. {d.IssuerTitle}" : d.IssuerTitle;

    /// <summary>A change's path for a reader: "letter/subject" becomes "Surat › Hal", a disposition's parts keep their names.</summary>
    public string Where(string path)
    {
        var parts = path.Split('/');
        if (parts[0] == "letter") return "Surat › " + string.Join(" › ", parts.Skip(1).Select(p => int.TryParse(p, out var n) ? $"{n + 1}" : AuditView.Label(p)));
        var index = Step.State.Dispositions.Select((d, i) => (d, i)).FirstOrDefault(x => x.d.Id.ToString() == parts.ElementAtOrDefault(1));
        return $"Disposisi {index.i + 1} › " + string.Join(" › ", parts.Skip(2).Select(p => int.TryParse(p, out var n) ? $"{n + 1}" : AuditView.Label(p)));
    }

    public IEnumerable<StateChange> ShownChanges => Step.Changes.Where(c =>
        !c.Path.Split('/').Skip(1).Any(p => !int.TryParse(p, out _) && !Guid.TryParse(p, out _) && Hidden(p)));
}
