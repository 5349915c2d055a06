using System.Text.Json;
using System.Text.Json.Serialization;
using Arsip.Access;
using Arsip.Audit;
using Arsip.Dispositions;
using Arsip.Infrastructure;
using Arsip.Organization;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Arsip.Pages;

/// <summary>
/// The auditor's replay: one step of the letter's timeline (<see cref="LetterReplayEndpoint.StepAsync"/>) with the
/// letter and its dispositions as they stood after it, what the step changed marked. Plain links step
/// through it; 404 when the caller may not see the letter.
/// </summary>
public sealed class PutarModel(IDocumentStore store, ArsipClock clock) : PageModel
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public ReplayStep Step { get; private set; } = null!;
    public Guid Id { get; private set; }
    public IReadOnlyList<(string Key, string Label, string Value, bool Changed)> LetterFields { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, int? langkah, CancellationToken ct)
    {
        var caller = Caller.From(User);
        await using var session = store.QuerySession(caller.Agency);
        if (!await LetterHistoryEndpoint.CanSeeAsync(session, id, caller, ct)) return NotFound();
        var step = await LetterReplayEndpoint.StepAsync(session, id, Math.Max(1, langkah ?? 1), clock, ct);
        if (step is null)
        {
            // past the end (or a letter with no events yet): go to the last step there is
            var last = (await LetterTimeline.ReadAsync(session, id, new Cutoff(Step: 1), ct)).Total;
            return last == 0 ? NotFound() : RedirectToPage(new { id, langkah = last });
        }
        Step = step;
        Id = id;
        LetterFields = Fields(step);
        return Page();
    }

    private static readonly Dictionary<string, string> Labels = new()
    {
        ["agendaNumber"] = "Nomor agenda", ["agendaYear"] = "Tahun agenda", ["sender"] = "Pengirim", ["senderLetterNumber"] = "Nomor surat",
        ["letterDate"] = "Tanggal surat", ["receivedOn"] = "Tanggal diterima", ["subject"] = "Hal", ["classification"] = "Kode klasifikasi",
        ["securityLevel"] = "Sifat", ["urgency"] = "Derajat kecepatan", ["attachments"] = "Lampiran", ["remarks"] = "Keterangan",
        ["registeredBy"] = "Diregistrasi oleh", ["registeredAt"] = "Waktu registrasi", ["files"] = "Berkas", ["corrections"] = "Koreksi",
        ["dispositionCount"] = "Jumlah disposisi", ["status"] = "Status", ["content"] = "Isi", ["draftVersion"] = "Versi konsep",
        ["reviews"] = "Paraf", ["returnNotes"] = "Catatan pengembalian", ["signatory"] = "Penandatangan", ["draftedBy"] = "Dibuat oleh",
        ["draftedAt"] = "Waktu dibuat", ["letterNumber"] = "Nomor surat keluar", ["year"] = "Tahun", ["sequence"] = "Nomor urut",
        ["signedAt"] = "Ditandatangani", ["signedOnPaper"] = "Ditandatangani di kertas", ["dispatchedAt"] = "Dikirim", ["deliveries"] = "Pengiriman",
        ["receipts"] = "Tanda terima", ["cancelReason"] = "Alasan pembatalan", ["verificationCode"] = "Kode verifikasi",
        ["issuedPdfSha256"] = "SHA-256 PDF terbit", ["issuedPdfLength"] = "Ukuran PDF terbit",
    };

    // identifiers and access tokens say nothing to a reader; the history keeps them
    private static bool Hidden(string key) => key is "id" or "accessTokens" || key.EndsWith("Id") || key.EndsWith("Ids");

    private static IReadOnlyList<(string, string, string, bool)> Fields(ReplayStep step)
    {
        var changed = step.Changes.Select(c => c.Path.Split('/')).Where(p => p[0] == "letter" && p.Length > 1).Select(p => p[1]).ToHashSet();
        var state = JsonSerializer.SerializeToElement(step.State.State, Json);
        return state.EnumerateObject().Where(p => !Hidden(p.Name))
            .Select(p => (p.Name, Labels.GetValueOrDefault(p.Name, p.Name), Show(p.Value), changed.Contains(p.Name))).ToList();
    }

    public static string Show(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined => "—",
        JsonValueKind.String when value.GetString() is { Length: > 20 } t && t[10] == 'T' && DateTimeOffset.TryParse(t, out var at) => When(at),
        JsonValueKind.String => value.GetString() is { Length: > 0 } s ? s : "—",
        JsonValueKind.True => "Ya",
        JsonValueKind.False => "Tidak",
        JsonValueKind.Array when value.GetArrayLength() == 0 => "—",
        JsonValueKind.Array => $"{value.GetArrayLength()} entri; terakhir: {Cut(value[value.GetArrayLength() - 1].GetRawText())}",
        JsonValueKind.Object => Cut(value.GetRawText()),
        _ => value.GetRawText(),
    };

    /// <summary>A change's value as stored JSON, shown without quotes around plain strings.</summary>
    public static string ShowJson(string? json)
    {
        if (json is null) return "—";
        var value = JsonDocument.Parse(json).RootElement;
        // a status reads in Indonesian here as in the tables below
        var text = value.ValueKind == JsonValueKind.String ? value.GetString() ?? "" : "";
        if (Enum.GetNames<RecipientStatus>().Contains(text)) return Status(Enum.Parse<RecipientStatus>(text));
        if (Enum.GetNames<DispositionState>().Contains(text)) return State(Enum.Parse<DispositionState>(text));
        return Show(value);
    }

    private static string Cut(string text) => text.Length <= 240 ? text : text[..237] + "...";

    public bool Changed(string prefix) => Step.Changes.Any(c => c.Path == prefix || c.Path.StartsWith(prefix + "/"));

    public bool IsNew(DispositionAt d) => Step.Changes.Any(c => c.Path == $"dispositions/{d.Id}/id" && c.Before is null);

    public static string When(DateTimeOffset? at) => at is { } t ? t.ToOffset(TimeSpan.FromHours(7)).ToString("dd-MM-yyyy HH:mm:ss") + " WIB" : "—";

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
        if (parts[0] == "letter") return "Surat › " + string.Join(" › ", parts.Skip(1).Select(p => Labels.GetValueOrDefault(p, p)));
        var index = Step.State.Dispositions.Select((d, i) => (d, i)).FirstOrDefault(x => x.d.Id.ToString() == parts.ElementAtOrDefault(1));
        return $"Disposisi {index.i + 1} › " + string.Join(" › ", parts.Skip(2).Select(p => int.TryParse(p, out var n) ? $"{n + 1}" : Parts.GetValueOrDefault(p, p)));
    }

    private static readonly Dictionary<string, string> Parts = new()
    {
        ["recipients"] = "Penerima", ["reads"] = "Dibaca oleh", ["followUps"] = "Tindak lanjut", ["forwards"] = "Diteruskan", ["status"] = "Status",
        ["firstReadAt"] = "Pertama dibaca", ["completedAt"] = "Selesai", ["completedBy"] = "Diselesaikan oleh", ["completionNote"] = "Catatan penyelesaian",
        ["personName"] = "Nama", ["readAt"] = "Waktu baca", ["reportedAt"] = "Waktu lapor", ["text"] = "Isi", ["state"] = "Keadaan",
        ["endedAt"] = "Berakhir", ["title"] = "Jabatan", ["lead"] = "Penanggung jawab", ["deadline"] = "Batas waktu", ["issuedAt"] = "Dikeluarkan",
        ["issuerTitle"] = "Dari jabatan", ["issuerName"] = "Dari", ["instructions"] = "Isi disposisi", ["note"] = "Catatan", ["overdue"] = "Terlambat",
        ["to"] = "Kepada", ["byName"] = "Oleh", ["byTitle"] = "Jabatan pengirim", ["at"] = "Waktu", ["depth"] = "Tingkat",
    };

    /// <summary>The changes a reader needs: identifiers (which the API keeps) left out.</summary>
    public IEnumerable<StateChange> ShownChanges => Step.Changes.Where(c => !Hidden(c.Path[(c.Path.LastIndexOf('/') + 1)..]));
}
