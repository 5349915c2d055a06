namespace Arsip.Kernel;

/// <summary>The kind of naskah dinas (Permendagri 1/2023); each has its own structure, layout and number sequence. In the kernel
/// because reference data (number templates, letterhead rules) and correspondence both speak of it.</summary>
public enum LetterKind
{
    SuratDinas, NotaDinas, SuratUndangan, SuratEdaran, SuratKeputusan, SuratPerintah, SuratTugas, SuratKeterangan, BeritaAcara,
    SuratPengantar, Instruksi, Pengumuman, Laporan, TelaahanStaf,
}
