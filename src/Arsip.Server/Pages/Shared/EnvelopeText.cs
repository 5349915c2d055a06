using Arsip.Exchange;
using Microsoft.Extensions.Localization;
using EnvelopeStatus = Arsip.Exchange.EnvelopeStatus;

namespace Arsip.Pages;

/// <summary>How an envelope to another installation reads on the letter's page and in the administrator's outbox.</summary>
public static class EnvelopeText
{
    public static string Status(IStringLocalizer<Text> t, EnvelopeStatus status) => status switch
    {
        EnvelopeStatus.Queued => t["Dalam antrean"],
        EnvelopeStatus.Retrying => t["Dicoba lagi"],
        EnvelopeStatus.Received => t["Diterima"],
        EnvelopeStatus.Refused => t["Ditolak"],
        _ => t["Dibatalkan"],
    };

    public static string Detail(IStringLocalizer<Text> t, PageTime time, EnvelopeLine e) => e.Status switch
    {
        EnvelopeStatus.Queued => t["menunggu dikirim ke instalasi tujuan"],
        EnvelopeStatus.Retrying => t["percobaan berikutnya {0}; terakhir: {1}", time.Format(e.NextAttemptAt), e.LastError ?? "-"],
        EnvelopeStatus.Received => t["diterima {0}, nomor agenda {1}", time.Format(e.ReceivedAt), e.AgendaNumber?.ToString() ?? "-"] + (e.Reason is { } late ? $"; {late}" : ""),
        EnvelopeStatus.Refused => t["ditolak: {0}", e.Reason ?? "-"],
        _ => e.Reason ?? "-",
    };
}
