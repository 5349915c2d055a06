using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Arsip.Dispositions;
using Arsip.Infrastructure;
using Arsip.Organization;
using Microsoft.AspNetCore.Html;

namespace Arsip.Pages;

/// <summary>The auditor's pages show event data with Indonesian labels and names; the API's responses stay raw.</summary>
public sealed partial class AuditView
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    private readonly Dictionary<Guid, string> _names;
    private readonly Dictionary<Guid, string> _positions;
    private readonly IReadOnlyDictionary<string, string> _instructions;

    private AuditView(Dictionary<Guid, string> names, Dictionary<Guid, string> positions, IReadOnlyDictionary<string, string> instructions) =>
        (_names, _positions, _instructions) = (names, positions, instructions);

    /// <summary>The agency's people, positions, units and instruction names: a few hundred rows, read once per page.</summary>
    public static async Task<AuditView> LoadAsync(IQuerySession session, CancellationToken ct)
    {
        var batch = session.CreateBatchQuery();
        var people = batch.Query<Person>().Select(p => new { p.Id, p.FullName }).ToList();
        var positions = batch.Query<Position>().Select(p => new { p.Id, p.Title }).ToList();
        var units = batch.Query<Unit>().Select(u => new { u.Id, u.Name }).ToList();
        await batch.Execute(ct);
        var names = new Dictionary<Guid, string>();
        foreach (var p in await people) names[p.Id] = p.FullName;
        var titles = (await positions).ToDictionary(p => p.Id, p => p.Title);
        foreach (var (id, title) in titles) names[id] = title;
        foreach (var u in await units) names[u.Id] = u.Name;
        var instructions = (await DispositionInstructionList.ForAgencyAsync(session, ct)).ToDictionary(i => i.Code, i => i.Label);
        return new AuditView(names, titles, instructions);
    }

    public string Instruction(string code) => _instructions.GetValueOrDefault(code, code);

    public string Instructions(IEnumerable<string> codes) => string.Join(", ", codes.Select(Instruction));

    [GeneratedRegex(@"^(?<user>.+?) \((?<person>[0-9a-fA-F-]{36})\) \[(?<positions>[^\]]*)\]$")]
    private static partial Regex ActorPattern();

    public IHtmlContent Actor(string? actor)
    {
        if (string.IsNullOrEmpty(actor)) return new HtmlString("—");
        if (actor == "sistem") return new HtmlString("Sistem (proses otomatis)");
        var match = ActorPattern().Match(actor);
        if (!match.Success) return Encode(actor);
        var person = Guid.Parse(match.Groups["person"].Value);
        var name = _names.GetValueOrDefault(person, match.Groups["user"].Value);
        var posts = match.Groups["positions"].Value.Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => Guid.TryParse(p, out var id) && _positions.TryGetValue(id, out var title) ? title : null).OfType<string>().Distinct().ToList();
        var text = posts.Count == 0 ? name : $"{name} ({string.Join(", ", posts)})";
        return new HtmlString($"<span class=\"actor\" title=\"{Attr(actor)}\">{Html(text)}</span>");
    }

    public IHtmlContent Fields(object data) => Fields(data as JsonElement? ?? JsonSerializer.SerializeToElement(data, Json));

    public IHtmlContent Fields(JsonElement element)
    {
        var html = new StringBuilder();
        WriteObject(html, element);
        return new HtmlString(html.ToString());
    }

    public IHtmlContent Value(string key, JsonElement value)
    {
        var html = new StringBuilder();
        WriteValue(html, key, value);
        return new HtmlString(html.ToString());
    }

    public IHtmlContent Value(string key, string? json) => json is null ? new HtmlString("—") : Value(key, JsonDocument.Parse(json).RootElement);

    /// <summary>Identifiers without a name behind them and access tokens are left out (the export keeps them).</summary>
    public bool Shows(string key, JsonElement value) =>
        key is not ("accessTokens" or "hash" or "previousHash") &&
        !(IsIdKey(key) && !Resolves(value));

    private static bool IsIdKey(string key) => key is "id" || key.EndsWith("Id") || key.EndsWith("Ids");

    private bool Resolves(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => Guid.TryParse(value.GetString(), out var id) && _names.ContainsKey(id),
        JsonValueKind.Array => value.GetArrayLength() > 0 && value.EnumerateArray().All(Resolves),
        _ => false,
    };

    private void WriteObject(StringBuilder html, JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            WriteValue(html, "", element);
            return;
        }
        html.Append("<dl class=\"kv\">");
        foreach (var property in element.EnumerateObject())
        {
            if (!Shows(property.Name, property.Value)) continue;
            html.Append("<dt>").Append(Html(Label(property.Name))).Append("</dt><dd data-key=\"").Append(Attr(property.Name)).Append("\">");
            WriteValue(html, property.Name, property.Value);
            html.Append("</dd>");
        }
        html.Append("</dl>");
    }

    private void WriteValue(StringBuilder html, string key, JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Null or JsonValueKind.Undefined:
                html.Append('—');
                break;
            case JsonValueKind.True:
                html.Append("Ya");
                break;
            case JsonValueKind.False:
                html.Append("Tidak");
                break;
            case JsonValueKind.Number:
                html.Append(Html(Number(key, value)));
                break;
            case JsonValueKind.String:
                WriteText(html, key, value.GetString() ?? "");
                break;
            case JsonValueKind.Array when value.GetArrayLength() == 0:
                html.Append('—');
                break;
            case JsonValueKind.Array when key == "instructions":
                html.Append(Html(Instructions(value.EnumerateArray().Select(v => v.GetString() ?? ""))));
                break;
            case JsonValueKind.Array when value.EnumerateArray().All(v => v.ValueKind is not (JsonValueKind.Object or JsonValueKind.Array)):
                var first = true;
                foreach (var item in value.EnumerateArray())
                {
                    if (!first) html.Append(", ");
                    WriteValue(html, key, item);
                    first = false;
                }
                break;
            case JsonValueKind.Array:
                html.Append("<ol class=\"kv-list\">");
                foreach (var item in value.EnumerateArray())
                {
                    html.Append("<li>");
                    WriteObject(html, item);
                    html.Append("</li>");
                }
                html.Append("</ol>");
                break;
            default:
                WriteObject(html, value);
                break;
        }
    }

    private void WriteText(StringBuilder html, string key, string text)
    {
        if (text.Length == 0) { html.Append('—'); return; }
        if (Guid.TryParse(text, out var id))
        {
            html.Append(_names.TryGetValue(id, out var name)
                ? $"<span title=\"{id}\">{Html(name)}</span>"
                : $"<code class=\"id\" title=\"{id}\">{id.ToString()[..8]}…</code>");
            return;
        }
        if (text.Length == 64 && text.All(char.IsAsciiHexDigit))
        {
            html.Append($"<code class=\"hash\" title=\"{Attr(text)}\">{Html(text[..12])}…</code>");
            return;
        }
        if (text.Length > 20 && text[10] == 'T' && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, out var at))
        {
            html.Append(Html(When(at)));
            return;
        }
        if (text.Length == 10 && DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            html.Append(Html(day.ToString("dd-MM-yyyy", CultureInfo.InvariantCulture)));
            return;
        }
        html.Append(Html(key switch
        {
            "instruction" => Instruction(text),
            "method" => SuratKeluarDetailModel.MethodLabel(text),
            _ => Word(text),
        }));
    }

    // sizes as sizes; counts and amounts with Indonesian grouping; years, numbers and versions as written
    private static string Number(string key, JsonElement value) =>
        key.EndsWith("ength") || key is "size" or "bytes" ? Bytes(value.GetInt64())
        : key.Contains("year", StringComparison.OrdinalIgnoreCase) || key.Contains("number", StringComparison.OrdinalIgnoreCase)
            || key is "version" or "sequence" or "draftVersion" or "depth" or "order" ? value.GetRawText()
        : IndonesianFormat.Number(value.GetDecimal());

    public static string Bytes(long length) => IndonesianFormat.Bytes(length);

    public static string When(DateTimeOffset? at) => at is { } t ? t.ToOffset(TimeSpan.FromHours(7)).ToString("dd-MM-yyyy HH:mm:ss", CultureInfo.InvariantCulture) + " WIB" : "—";

    private static string Word(string text) => text switch
    {
        "Scan" => "Pindaian",
        "Attachment" => "Lampiran",
        "SangatRahasia" => "Sangat Rahasia",
        "SangatSegera" => "Sangat Segera",
        "Draft" => "Konsep",
        "Submitted" => "Diajukan",
        "InReview" => "Dalam paraf",
        "Returned" => "Dikembalikan",
        "Signed" => "Ditandatangani",
        "Dispatched" => "Dikirim",
        "Cancelled" => "Dibatalkan",
        "Unread" => "Belum dibaca",
        "Read" => "Dibaca",
        "InProgress" => "Ditindaklanjuti",
        "Done" => "Selesai",
        "Overdue" => "Terlambat",
        "Open" => "Berjalan",
        "Withdrawn" => "Ditarik",
        "Closed" => "Ditutup",
        "Approved" => "Disetujui",
        "Pending" => "Menunggu",
        "Inbox" => "Kotak masuk Arsip",
        "OtherAgency" => "Instansi lain (Arsip)",
        "Incoming" or "incoming" => "Surat masuk",
        "Outgoing" or "outgoing" => "Surat keluar",
        _ => text,
    };

    public static string Label(string key) =>
        Labels.TryGetValue(key, out var label) ? label
        // an id field shows the name behind it: "addedByPersonId" reads as "addedBy"
        : key.EndsWith("PersonId") && Labels.TryGetValue(key[..^"PersonId".Length], out var person) ? person
        : key.EndsWith("PositionId") && Labels.TryGetValue(key[..^"PositionId".Length], out var position) ? "Jabatan: " + position.ToLowerInvariant()
        : key.EndsWith("UnitId") && Labels.TryGetValue(key[..^"UnitId".Length], out var unit) ? "Unit: " + unit.ToLowerInvariant()
        : Humanize(key);

    private static string Humanize(string key)
    {
        var words = Regex.Replace(key, "(?<=[a-z0-9])([A-Z])", " $1").ToLowerInvariant();
        return words.Length == 0 ? key : char.ToUpperInvariant(words[0]) + words[1..];
    }

    private static string Html(string text) => HtmlEncoder.Default.Encode(text);
    private static string Attr(string text) => HtmlEncoder.Default.Encode(text);
    private static HtmlString Encode(string text) => new(Html(text));

    public static readonly Dictionary<string, string> Labels = new()
    {
        ["agendaNumber"] = "Nomor agenda", ["agendaYear"] = "Tahun agenda", ["sender"] = "Pengirim", ["senderLetterNumber"] = "Nomor surat",
        ["letterDate"] = "Tanggal surat", ["receivedOn"] = "Tanggal diterima", ["subject"] = "Hal", ["classification"] = "Kode klasifikasi",
        ["securityLevel"] = "Sifat", ["urgency"] = "Derajat kecepatan", ["attachments"] = "Lampiran", ["remarks"] = "Keterangan",
        ["registeredBy"] = "Diregistrasi oleh", ["registeredAt"] = "Waktu registrasi", ["files"] = "Berkas", ["corrections"] = "Koreksi",
        ["dispositionCount"] = "Jumlah disposisi", ["status"] = "Status", ["content"] = "Isi surat", ["draftVersion"] = "Versi konsep",
        ["reviews"] = "Paraf", ["returnNotes"] = "Catatan pengembalian", ["signatory"] = "Penandatangan", ["draftedBy"] = "Dibuat oleh",
        ["draftedAt"] = "Waktu dibuat", ["letterNumber"] = "Nomor surat keluar", ["year"] = "Tahun", ["sequence"] = "Nomor urut",
        ["signedAt"] = "Ditandatangani", ["signedOnPaper"] = "Ditandatangani di kertas", ["dispatchedAt"] = "Dikirim", ["deliveries"] = "Pengiriman",
        ["receipts"] = "Tanda terima", ["cancelReason"] = "Alasan pembatalan", ["verificationCode"] = "Kode verifikasi",
        ["issuedPdfSha256"] = "SHA-256 PDF terbit", ["issuedPdfLength"] = "Ukuran PDF terbit", ["sentOn"] = "Tanggal kirim",
        ["recipients"] = "Penerima", ["reads"] = "Dibaca oleh", ["followUps"] = "Tindak lanjut", ["forwards"] = "Diteruskan",
        ["firstReadAt"] = "Pertama dibaca", ["completedAt"] = "Selesai", ["completedBy"] = "Diselesaikan oleh", ["completionNote"] = "Catatan penyelesaian",
        ["personName"] = "Nama", ["readAt"] = "Waktu baca", ["reportedAt"] = "Waktu lapor", ["text"] = "Isi", ["state"] = "Keadaan",
        ["endedAt"] = "Berakhir", ["title"] = "Jabatan", ["lead"] = "Penanggung jawab", ["deadline"] = "Batas waktu", ["issuedAt"] = "Dikeluarkan",
        ["issuerTitle"] = "Dari jabatan", ["issuerName"] = "Dari", ["instructions"] = "Isi disposisi", ["note"] = "Catatan", ["overdue"] = "Terlambat",
        ["to"] = "Kepada", ["byName"] = "Oleh", ["byTitle"] = "Jabatan pengirim", ["at"] = "Waktu", ["depth"] = "Tingkat",
        ["fileName"] = "Nama berkas", ["sha256"] = "SHA-256", ["contentType"] = "Jenis berkas", ["length"] = "Ukuran", ["kind"] = "Jenis",
        ["addedAt"] = "Waktu ditambahkan", ["addedBy"] = "Ditambahkan oleh", ["personId"] = "Orang", ["positionId"] = "Jabatan",
        ["unitId"] = "Unit", ["addresseePositionId"] = "Ditujukan kepada", ["registeredByPositionId"] = "Jabatan pencatat",
        ["registeringUnitId"] = "Unit pencatat", ["addresseeUnitId"] = "Unit yang dituju", ["registeredByUnitId"] = "Unit pencatat",
        ["registeredByPersonId"] = "Diregistrasi oleh", ["addedByPersonId"] = "Ditambahkan oleh", ["draftedByUnitId"] = "Unit pembuat",
        ["draftedByPersonId"] = "Dibuat oleh", ["issuerPersonId"] = "Dikeluarkan oleh", ["recipientPositionIds"] = "Kepada", ["issuerPositionId"] = "Dari jabatan",
        ["byPositionId"] = "Oleh jabatan", ["copyPositionIds"] = "Tembusan", ["signatoryPositionId"] = "Penandatangan",
        ["reviewerPositionIds"] = "Pemaraf", ["reason"] = "Alasan", ["changes"] = "Perubahan", ["field"] = "Isian", ["before"] = "Sebelum",
        ["after"] = "Sesudah", ["comment"] = "Komentar", ["comments"] = "Komentar", ["method"] = "Cara kirim", ["body"] = "Isi",
        ["addressees"] = "Kepada", ["copies"] = "Tembusan", ["name"] = "Nama", ["address"] = "Alamat", ["agency"] = "Instansi",
        ["receivedAt"] = "Diterima", ["receivedBy"] = "Diterima oleh", ["grantedTo"] = "Diberikan kepada", ["grantedBy"] = "Diberikan oleh",
        ["exportedAt"] = "Waktu ekspor", ["exportedBy"] = "Diekspor oleh", ["sentAt"] = "Dikirim", ["escalatedAt"] = "Dieskalasi",
        ["escalatedTo"] = "Dieskalasi kepada", ["withdrawnAt"] = "Ditarik", ["closedAt"] = "Ditutup", ["forwardedAt"] = "Diteruskan",
        ["childId"] = "Disposisi turunan", ["parentId"] = "Disposisi induk", ["dispositionId"] = "Disposisi", ["letterId"] = "Surat",
        ["initialedAt"] = "Waktu paraf", ["returnedAt"] = "Dikembalikan", ["submittedAt"] = "Diajukan", ["cancelledAt"] = "Dibatalkan",
        ["revisedAt"] = "Direvisi", ["version"] = "Versi", ["reservedAt"] = "Dipesan", ["reviewer"] = "Pemaraf", ["order"] = "Urutan",
        ["approved"] = "Disetujui", ["acting"] = "Plt/Plh", ["actingKind"] = "Plt/Plh", ["heldBy"] = "Dijabat oleh", ["fileNames"] = "Berkas",
        ["readers"] = "Pembaca", ["remindedAt"] = "Diingatkan", ["position"] = "Jabatan", ["person"] = "Orang", ["nip"] = "NIP",
        ["letterhead"] = "Kop surat", ["letter"] = "Surat", ["issuerActing"] = "Plt/Plh pemberi", ["byActing"] = "Plt/Plh pengirim", ["code"] = "Kode", ["number"] = "Nomor", ["confirmedDistinct"] = "Dinyatakan surat berbeda",
    };

    public static string Describe(string eventType) => eventType switch
    {
        "incoming_letter_registered" => "Surat masuk diregistrasi",
        "incoming_letter_corrected" => "Data surat masuk dikoreksi",
        "incoming_letter_attachment_added" => "Lampiran atau pindaian ditambahkan",
        "outgoing_letter_created" => "Surat keluar dibuat",
        "outgoing_letter_drafted" => "Konsep surat keluar dibuat",
        "outgoing_letter_revised" => "Konsep surat keluar direvisi",
        "outgoing_letter_submitted" => "Konsep diajukan untuk paraf",
        "outgoing_letter_initialed" => "Konsep diparaf",
        "outgoing_letter_returned" => "Konsep dikembalikan untuk diperbaiki",
        "outgoing_letter_signed" => "Surat keluar ditandatangani",
        "outgoing_letter_number_reserved" => "Nomor surat keluar dipesan",
        "outgoing_letter_issued" => "PDF/A surat keluar diterbitkan",
        "outgoing_letter_file_added" => "Berkas surat keluar ditambahkan",
        "outgoing_letter_dispatched" => "Surat keluar dikirim",
        "outgoing_letter_delivery_receipted" => "Tanda terima pengiriman diterima",
        "outgoing_letter_cancelled" => "Surat keluar dibatalkan",
        "attachments_added" => "Berkas ditambahkan",
        "letter_access_granted" => "Akses surat diberikan",
        "secret_letter_read" => "Surat rahasia dibuka",
        "letter_exported" => "Surat diekspor",
        "letter_disposed" => "Surat didisposisikan",
        "letter_filed_in_case_file" => "Surat dimasukkan ke berkas",
        "record_held" => "Penangguhan ditempatkan",
        "record_hold_released" => "Penangguhan dicabut",
        "disposition_issued" => "Disposisi dikeluarkan",
        "disposition_read" => "Disposisi dibaca penerima",
        "follow_up_reported" => "Tindak lanjut dilaporkan",
        "disposition_forwarded" => "Disposisi diteruskan ke bawah",
        "disposition_completed" => "Disposisi diselesaikan penerima",
        "disposition_withdrawn" => "Disposisi ditarik",
        "disposition_closed" => "Disposisi ditutup",
        "disposition_reminder_sent" => "Pengingat batas waktu dikirim",
        "disposition_escalated" => "Keterlambatan dieskalasi",
        _ => "Peristiwa lain (" + eventType.Replace('_', ' ') + ")",
    };
}
