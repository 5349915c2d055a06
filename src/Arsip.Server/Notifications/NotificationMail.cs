using System.Globalization;
using System.Net;
using Arsip.ReferenceData;

namespace Arsip.Notifications;

/// <summary>What a mail may say about one notification. <see cref="Secret"/> letters say nothing but that a letter waits, and the link.</summary>
public sealed record Notice(NotificationKind Kind, bool Secret, string Subject, string Reference, string? From, DateTimeOffset? Deadline, string Path,
    (int BecameInactive, int RetentionEnded)? Due = null);

public sealed record MailText(string Subject, string Text, string Html);

/// <summary>The words of the mails, Indonesian or English; plain text and HTML carry the same lines.</summary>
public static class NotificationMail
{
    public const string SecretLine = "Ada surat untuk Anda";
    public const string SecretLineEnglish = "There is a letter for you";

    public static string LinkOf(string baseUrl, string path) => baseUrl.TrimEnd('/') + path;

    public static MailText Compose(Notice notice, NotificationLanguage language, string baseUrl, AgencyTime time)
    {
        var (title, lines) = Lines(notice, language, time);
        return Render(title, [new Item(title, lines, LinkOf(baseUrl, notice.Path))], language);
    }

    public static MailText Digest(IReadOnlyList<(string Title, string[] Lines, string Link)> items, NotificationLanguage language, DateOnly day)
    {
        var english = language == NotificationLanguage.English;
        var title = english
            ? $"Daily summary {day:dd-MM-yyyy}: {items.Count} notification(s)"
            : $"Ringkasan harian {day:dd-MM-yyyy}: {items.Count} pemberitahuan";
        return Render(title, items.Select(i => new Item(i.Title, i.Lines, i.Link)).ToList(), language);
    }

    public static (string Title, string[] Lines) Lines(Notice notice, NotificationLanguage language, AgencyTime time)
    {
        var english = language == NotificationLanguage.English;
        if (notice.Secret) return (english ? SecretLineEnglish : SecretLine, []);
        var deadline = notice.Deadline is { } d ? time.Format(d) : "";
        var (s, r, f) = (notice.Subject, notice.Reference, notice.From ?? "");
        if (notice is { Kind: NotificationKind.RecordsDue, Due: var (inactive, ended) }) return RecordsDue(inactive, ended, r, english);
        return (notice.Kind, english) switch
        {
            (NotificationKind.DispositionReceived, false) => ($"Disposisi baru: {s}", [$"Anda menerima disposisi dari {f} atas surat {r}: {s}.", $"Batas waktu: {deadline}."]),
            (NotificationKind.DispositionReceived, true) => ($"New disposition: {s}", [$"{f} sent you a disposition on letter {r}: {s}.", $"Deadline: {deadline}."]),
            (NotificationKind.DeadlineApproaching, false) => ($"Batas waktu disposisi mendekat: {s}", [$"Disposisi atas surat {r} ({s}) harus selesai pada {deadline}."]),
            (NotificationKind.DeadlineApproaching, true) => ($"Disposition deadline approaching: {s}", [$"The disposition on letter {r} ({s}) is due {deadline}."]),
            (NotificationKind.DeadlinePassed, false) => ($"Batas waktu disposisi terlewati: {s}", [$"Disposisi atas surat {r} ({s}) belum selesai; batas waktunya {deadline}."]),
            (NotificationKind.DeadlinePassed, true) => ($"Disposition overdue: {s}", [$"The disposition on letter {r} ({s}) is not done; it was due {deadline}."]),
            (NotificationKind.AwaitingInitials, false) => ($"Konsep menunggu paraf Anda: {s}", [$"Konsep surat keluar \"{s}\" dari {f} menunggu paraf Anda."]),
            (NotificationKind.AwaitingInitials, true) => ($"Draft waiting for your initials: {s}", [$"The outgoing draft \"{s}\" from {f} waits for your initials (paraf)."]),
            (NotificationKind.AwaitingSignature, false) => ($"Konsep menunggu tanda tangan Anda: {s}", [$"Konsep surat keluar \"{s}\" dari {f} menunggu tanda tangan Anda."]),
            (NotificationKind.AwaitingSignature, true) => ($"Draft waiting for your signature: {s}", [$"The outgoing draft \"{s}\" from {f} waits for your signature."]),
            (NotificationKind.DraftReturned, false) => ($"Konsep dikembalikan: {s}", [$"{f} mengembalikan konsep surat keluar \"{s}\" untuk diperbaiki."]),
            (NotificationKind.DraftReturned, true) => ($"Draft returned: {s}", [$"{f} returned the outgoing draft \"{s}\" for changes."]),
            (NotificationKind.LetterDelivered, false) => ($"Surat masuk dari {f}: {s}", [$"Surat {r} dari {f} diterima melalui Arsip."]),
            (NotificationKind.LetterDelivered, true) => ($"Letter received from {f}: {s}", [$"Letter {r} from {f} was delivered through Arsip."]),
            _ => throw new ArgumentOutOfRangeException(nameof(notice), notice.Kind, null),
        };
    }

    /// <summary>The daily records check of <paramref name="day"/> (agency-local): berkas that became inactive, berkas whose retention ended.</summary>
    private static (string, string[]) RecordsDue(int inactive, int ended, string day, bool english) => english
        ? ($"Records due {day}: {inactive} berkas became inactive, {ended} reached the end of their retention",
            [$"{inactive} berkas reached the end of their active period and may be transferred to the records centre (pemindahan).",
             $"{ended} berkas reached the end of their retention and await disposal or handover (penyusutan)."])
        : ($"Arsip jatuh tempo {day}: {inactive} berkas menjadi inaktif, {ended} berakhir masa retensinya",
            [$"{inactive} berkas berakhir masa aktifnya dan dapat dipindahkan ke unit kearsipan (pemindahan).",
             $"{ended} berkas berakhir masa retensinya dan menunggu pemusnahan atau penyerahan (penyusutan)."]);

    private sealed record Item(string Title, string[] Lines, string Link);

    private static MailText Render(string subject, IReadOnlyList<Item> items, NotificationLanguage language)
    {
        var english = language == NotificationLanguage.English;
        var open = english ? "Open in Arsip" : "Buka di Arsip";
        var footer = english
            ? "You receive this because of your notification settings in Arsip (profile page)."
            : "Anda menerima surel ini karena pengaturan pemberitahuan Anda di Arsip (halaman profil).";
        var text = new System.Text.StringBuilder();
        var html = new System.Text.StringBuilder("<!DOCTYPE html><html><body>");
        foreach (var item in items)
        {
            text.AppendLine(item.Title);
            foreach (var line in item.Lines) text.AppendLine(line);
            text.AppendLine($"{open}: {item.Link}").AppendLine();
            html.Append(CultureInfo.InvariantCulture, $"<h2>{WebUtility.HtmlEncode(item.Title)}</h2>");
            foreach (var line in item.Lines) html.Append(CultureInfo.InvariantCulture, $"<p>{WebUtility.HtmlEncode(line)}</p>");
            html.Append(CultureInfo.InvariantCulture, $"<p><a href=\"{WebUtility.HtmlEncode(item.Link)}\">{open}</a></p>");
        }
        text.AppendLine("--").AppendLine(footer);
        html.Append(CultureInfo.InvariantCulture, $"<hr><p><small>{WebUtility.HtmlEncode(footer)}</small></p></body></html>");
        return new MailText($"[Arsip] {subject}", text.ToString(), html.ToString());
    }
}
