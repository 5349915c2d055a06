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

    public static string Status(IStringLocalizer<Text> t, ProgressReceiptStatus status) => status switch
    {
        ProgressReceiptStatus.Queued => t["Dalam antrean"],
        ProgressReceiptStatus.Retrying => t["Dicoba lagi"],
        ProgressReceiptStatus.Delivered => t["Sampai"],
        ProgressReceiptStatus.Refused => t["Ditolak"],
        _ => t["Dibatalkan"],
    };

    public static string Kind(IStringLocalizer<Text> t, Arsip.Correspondence.DeliveryProgress progress) =>
        progress == Arsip.Correspondence.DeliveryProgress.Disposed ? t["didisposisikan"] : t["dibaca"];

    public static string Detail(IStringLocalizer<Text> t, PageTime time, ReceiptLine r) => r.Status switch
    {
        ProgressReceiptStatus.Queued => t["menunggu dikirim ke instalasi pengirim"],
        ProgressReceiptStatus.Retrying => t["percobaan berikutnya {0}; terakhir: {1}", time.Format(r.NextAttemptAt), r.LastError ?? "-"],
        ProgressReceiptStatus.Delivered => t["sampai {0}", time.Format(r.DeliveredAt)] + (r.Reason is { } late ? $"; {late}" : ""),
        ProgressReceiptStatus.Refused => t["ditolak: {0}", r.Reason ?? r.LastError ?? "-"],
        _ => r.Reason ?? "-",
    };

    public static string Item(IStringLocalizer<Text> t, RefusedItem item) => item == RefusedItem.Envelope ? t["Amplop surat"] : t["Tanda terima"];

    public static string Detail(IStringLocalizer<Text> t, PageTime time, EnvelopeLine e) => e.Status switch
    {
        EnvelopeStatus.Queued => t["menunggu dikirim ke instalasi tujuan"],
        EnvelopeStatus.Retrying => t["percobaan berikutnya {0}; terakhir: {1}", time.Format(e.NextAttemptAt), e.LastError ?? "-"],
        EnvelopeStatus.Received => t["diterima {0}, nomor agenda {1}", time.Format(e.ReceivedAt), e.AgendaNumber?.ToString() ?? "-"] + (e.Reason is { } late ? $"; {late}" : ""),
        EnvelopeStatus.Refused => t["ditolak: {0}", e.Reason ?? "-"],
        _ => e.Reason ?? "-",
    };
}
