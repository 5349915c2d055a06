using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Arsip.Search;
using Npgsql;
using NpgsqlTypes;

namespace Arsip.Bench;

/// <summary>
/// Full-text search over a generated corpus of Indonesian letters: rebuild rate, query latency
/// with one filter and security trimming, memory while serving, recall@10 on the labelled set
/// in samples/search/labelled.json, and the same against PostgreSQL full-text search when
/// ARSIP_BENCH_DB names a database.
/// </summary>
public sealed class SearchBench : IBench
{
    private const int Seed = 20261124;
    private const string Area = "search";

    public string Name => "search";

    public async Task<IReadOnlyList<BenchRow>> RunAsync(BenchContext context)
    {
        var labelled = LabelledSet.Load();
        // ARSIP_BENCH_SEARCH_LETTERS sizes the corpus for profiling between the quick and the full run.
        var size = int.TryParse(Environment.GetEnvironmentVariable("ARSIP_BENCH_SEARCH_LETTERS"), out var letters) ? letters
            : context.Quick ? 50_000 : 1_000_000;
        var corpus = new Corpus(size, labelled);
        var queries = corpus.Queries(500);
        var scope = new AccessScope(Corpus.QueryTenant, Corpus.CallerTokens);
        var rows = new List<BenchRow>();

        var lucene = RunLucene(context, corpus, queries, labelled, scope);
        PostgresResult? postgres = null;
        var connectionString = Environment.GetEnvironmentVariable("ARSIP_BENCH_DB");
        if (!string.IsNullOrWhiteSpace(connectionString))
            postgres = await PostgresBaseline.RunAsync(connectionString, corpus, queries, labelled, context.Log);

        string Pg(Func<PostgresResult, string> value) => postgres is null ? "skipped" : value(postgres);
        rows.Add(new BenchRow(Area, $"rebuild {corpus.Count:N0} letters", "letters/s",
            $"{lucene.RebuildRate:N0} ({lucene.RebuildCpuRate:N0} per CPU-second; {lucene.IndexMegabytes:N0} MB on disk after its commit, {lucene.SettledIndexMegabytes:N0} MB once merges were committed)",
            Pg(p => $"{p.LoadRate:N0} (PostgreSQL COPY + GIN)"), "≥ 5,000/s", lucene.RebuildRate >= 5_000));
        rows.Add(new BenchRow(Area, "1–3 words + 1 filter + trimming, facets, snippets", "p50",
            Measure.Ms(lucene.P50), Pg(p => Measure.Ms(p.P50)), "< 10 ms", lucene.P50 < 10));
        rows.Add(new BenchRow(Area, "1–3 words + 1 filter + trimming, facets, snippets", "p95",
            Measure.Ms(lucene.P95), Pg(p => Measure.Ms(p.P95)), "< 50 ms", lucene.P95 < 50));
        rows.Add(new BenchRow(Area, "1–3 words + 1 filter + trimming, facets, snippets", "CPU per query (mean)",
            $"{lucene.CpuMsPerQuery:0.00} ms", "", "", true));
        if (postgres is not null)
            rows.Add(new BenchRow(Area, "latency ratio PostgreSQL / Lucene", "p50 / p95",
                $"{postgres.P50 / lucene.P50:0.0}x / {postgres.P95 / lucene.P95:0.0}x", "1.0x", "> 1x", postgres.P50 > lucene.P50));
        rows.Add(new BenchRow(Area, "serving (after rebuild and queries)", "working set",
            $"{lucene.WorkingSetMegabytes:N0} MB (managed {lucene.ManagedMegabytes:N0} MB)", "", "< 500 MB", lucene.WorkingSetMegabytes < 500));
        rows.Add(new BenchRow(Area, "same queries, every third with an acronym: expansion off", "p50 / p95",
            $"{Measure.Ms(lucene.OffP50)} / {Measure.Ms(lucene.OffP95)}", "", "", true));
        rows.Add(new BenchRow(Area, "the same with expansion on (bundled list + units)", "p50 / p95",
            $"{Measure.Ms(lucene.OnP50)} / {Measure.Ms(lucene.OnP95)} ({lucene.OnP50 / lucene.OffP50:0.00}x / {lucene.OnP95 / lucene.OffP95:0.00}x)", "",
            "≤ 1.20x of off", lucene.OnP50 <= lucene.OffP50 * 1.2 && lucene.OnP95 <= lucene.OffP95 * 1.2));
        rows.Add(new BenchRow(Area, "the same, this thread's CPU per query (mean), off / on", "CPU ms",
            $"{lucene.CpuOff:0.000} / {lucene.CpuOn:0.000} ({lucene.CpuOn / lucene.CpuOff:0.00}x)", "", "", true));
        rows.Add(new BenchRow(Area, $"labelled set ({labelled.Queries.Count} queries), expansion off", "recall@10",
            lucene.RecallWithoutExpansion.ToString("0.00", CultureInfo.InvariantCulture), "", "", true));
        rows.Add(new BenchRow(Area, $"labelled set ({labelled.Queries.Count} queries)", "recall@10",
            lucene.Recall.ToString("0.00", CultureInfo.InvariantCulture),
            Pg(p => p.Recall.ToString("0.00", CultureInfo.InvariantCulture)), "≥ 0.90", lucene.Recall >= 0.9));
        if (postgres is null)
            rows.Add(new BenchRow(Area, "PostgreSQL baseline skipped (ARSIP_BENCH_DB not set)", "", "", "", "", true));
        rows.Add(new BenchRow(Area, "machine load while measuring (shared cores skew every number)", "load average",
            lucene.LoadAverage.ToString("0.0", CultureInfo.InvariantCulture), "", $"≤ {Environment.ProcessorCount}",
            lucene.LoadAverage <= Environment.ProcessorCount));
        return rows;
    }

    private static LuceneResult RunLucene(BenchContext context, Corpus corpus, IReadOnlyList<BenchQuery> queries, LabelledSet labelled, AccessScope scope)
    {
        var path = Path.Combine(context.WorkDir, "search-index");
        using var index = LetterIndex.Open(path);

        // CPU time as well as wall time: on shared cores the wall-clock rate mostly measures the neighbours.
        var cpuStart = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        index.DeleteAll();
        Parallel.For(0, corpus.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount },
            i => index.Upsert(corpus.Letter(i)));
        index.Commit(corpus.Count);
        var rebuildRate = corpus.Count / clock.Elapsed.TotalSeconds;
        var rebuildCpuRate = corpus.Count / (Process.GetCurrentProcess().TotalProcessorTime - cpuStart).TotalSeconds;
        index.Refresh();
        context.Log.WriteLine($"  lucene: indexed {corpus.Count:N0} letters in {clock.Elapsed.TotalSeconds:0.0} s ({(Process.GetCurrentProcess().TotalProcessorTime - cpuStart).TotalSeconds:0.0} cpu-s)");
        GC.Collect();

        var next = 0;
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var samples = Measure.Latencies(100, 2_000, () => index.Search(queries[next++ % queries.Count].ToRequest(scope)));
        // Mean CPU per query (warm-up included): what a query costs whatever the neighbours do.
        var cpuPerQuery = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalMilliseconds / next;
        context.Log.WriteLine($"  lucene: p50 {Measure.Ms(Measure.Percentile(samples, 50))}, p95 {Measure.Ms(Measure.Percentile(samples, 95))}, {cpuPerQuery:0.00} CPU-ms per query");

        // Expansion on against off, the same queries alternating one by one (so load drifts hit both alike): every third
        // query also carries a unit's code or an acronym, as officials type them.
        var expansions = Expansions();
        var mixed = queries.Select((q, i) => i % 3 == 0 ? q with { Text = $"{q.Text} {Corpus.Units[i / 3 % Corpus.Units.Length].Code}" } : q).ToList();
        var (off, on, cpuOff, cpuOn) = (new double[2_000], new double[2_000], 0.0, 0.0);
        for (var i = -100; i < 2_000; i++)
        {
            var query = mixed[(i + 100) % mixed.Count];
            var cpuAtStart = ThreadCpu.Now();
            var start = Stopwatch.GetTimestamp();
            index.Search(query.ToRequest(scope));
            var middle = Stopwatch.GetTimestamp();
            var cpuMiddle = ThreadCpu.Now();
            index.Search(query.ToRequest(scope, expansions));
            if (i < 0) continue;
            cpuOff += cpuMiddle - cpuAtStart;
            cpuOn += ThreadCpu.Now() - cpuMiddle;
            off[i] = Stopwatch.GetElapsedTime(start, middle).TotalMilliseconds;
            on[i] = Stopwatch.GetElapsedTime(middle).TotalMilliseconds;
        }
        // Where the difference comes from: the queries carrying an acronym against the plain ones.
        static double P50Of(double[] values, Func<int, bool> keep) =>
            Measure.Percentile(values.Where((_, k) => keep(k)).Order().ToArray(), 50);
        bool Acronym(int k) => (k + 100) % mixed.Count % 3 == 0;
        context.Log.WriteLine($"  lucene: queries with an acronym off p50 {Measure.Ms(P50Of(off, Acronym))} on {Measure.Ms(P50Of(on, Acronym))}; " +
                              $"plain off {Measure.Ms(P50Of(off, k => !Acronym(k)))} on {Measure.Ms(P50Of(on, k => !Acronym(k)))}");
        context.Log.WriteLine($"  lucene: this thread's CPU per query, expansion off {cpuOff / 2_000:0.000} ms, on {cpuOn / 2_000:0.000} ms ({cpuOn / cpuOff:0.00}x)");
        if (Environment.GetEnvironmentVariable("ARSIP_BENCH_SEARCH_PROFILE") == "1") Profile(context, index, mixed, scope, expansions);
        Array.Sort(off);
        Array.Sort(on);
        context.Log.WriteLine($"  lucene: with acronyms, expansion off p50 {Measure.Ms(Measure.Percentile(off, 50))} p95 {Measure.Ms(Measure.Percentile(off, 95))}, " +
                              $"on p50 {Measure.Ms(Measure.Percentile(on, 50))} p95 {Measure.Ms(Measure.Percentile(on, 95))}");

        var recallWithout = labelled.Queries.Average(q => RecallAt10(index.Search(new SearchRequest(scope)
            { Query = q.Query, PageSize = 10, IncludeFacets = false, IncludeSnippets = false }).Hits.Select(h => h.Id), q.Relevant));
        context.Log.WriteLine($"  lucene: recall@10 without expansion {recallWithout:0.00}");
        var recall = labelled.Queries.Average(q =>
        {
            var found = index.Search(new SearchRequest(scope) { Query = q.Query, Expansions = expansions, PageSize = 10, IncludeFacets = false, IncludeSnippets = false });
            var value = RecallAt10(found.Hits.Select(h => h.Id), q.Relevant);
            if (value < 1) context.Log.WriteLine($"  lucene: recall@10 {value:0.00} for \"{q.Query}\"");
            return value;
        });

        // On disk as the server leaves it: merges that finish after the rebuild's commit are committed by the
        // quiet feeder's CommitAtCheckpoint every 2 s; until then the merged-away segments stay on disk as well.
        double OnDisk() => Directory.EnumerateFiles(path).Sum(f => new FileInfo(f).Length) / 1048576.0;
        var afterRebuild = OnDisk();
        var settled = afterRebuild;
        var unchangedSince = Stopwatch.StartNew();
        for (var waited = Stopwatch.StartNew(); waited.Elapsed < TimeSpan.FromMinutes(5) && unchangedSince.Elapsed < TimeSpan.FromSeconds(20);)
        {
            Thread.Sleep(2_000);
            index.CommitAtCheckpoint();
            var now = OnDisk();
            if (Math.Abs(now - settled) > 0.5) unchangedSince.Restart();
            settled = now;
        }
        context.Log.WriteLine($"  lucene: {afterRebuild:N0} MB on disk after the rebuild's commit, {settled:N0} MB once merges were committed");

        using var process = Process.GetCurrentProcess();
        return new LuceneResult(
            rebuildRate,
            rebuildCpuRate,
            Measure.Percentile(samples, 50),
            Measure.Percentile(samples, 95),
            cpuPerQuery,
            process.WorkingSet64 / 1048576.0,
            GC.GetTotalMemory(forceFullCollection: false) / 1048576.0,
            afterRebuild,
            settled,
            recall,
            recallWithout,
            Measure.Percentile(off, 50), Measure.Percentile(off, 95), Measure.Percentile(on, 50), Measure.Percentile(on, 95), cpuOff / 2_000, cpuOn / 2_000,
            File.Exists("/proc/loadavg") ? double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], CultureInfo.InvariantCulture) : double.NaN);
    }

    /// <summary>The acronym queries alone, on and off, with and without snippets and facets, as this thread's CPU time (the
    /// wall clock on shared cores measures the neighbours): which part of a query the expansion makes dearer.</summary>
    private static void Profile(BenchContext context, LetterIndex index, IReadOnlyList<BenchQuery> mixed, AccessScope scope, TermExpansions expansions)
    {
        var acronymQueries = mixed.Where((_, k) => k % 3 == 0).ToList();
        var plainQueries = mixed.Where((_, k) => k % 3 != 0).ToList();
        foreach (var (name, list) in new[] { ("acronym", acronymQueries), ("plain", plainQueries) })
            foreach (var (snippets, facets) in new[] { (true, true), (false, true), (true, false), (false, false) })
            {
                var (off, on, hitsOff, hitsOn) = (0.0, 0.0, 0L, 0L);
                for (var round = 0; round < 4; round++)
                    foreach (var query in list)
                    {
                        var start = ThreadCpu.Now();
                        var a = index.Search(query.ToRequest(scope, null, snippets, facets));
                        var middle = ThreadCpu.Now();
                        var b = index.Search(query.ToRequest(scope, expansions, snippets, facets));
                        var end = ThreadCpu.Now();
                        if (round == 0) { hitsOff += a.TotalHits; hitsOn += b.TotalHits; continue; }
                        off += middle - start;
                        on += end - middle;
                    }
                var n = 3.0 * list.Count;
                context.Log.WriteLine($"  profile {name} snippets={snippets} facets={facets}: CPU per query off {off / n:0.000} ms, on {on / n:0.000} ms " +
                                      $"({on / off:0.00}x); mean hits off {hitsOff / list.Count}, on {hitsOn / list.Count}");
            }
    }

    private static class ThreadCpu
    {
        [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "clock_gettime")]
        private static extern int ClockGetTime(int clock, out TimeSpec time);

        /// <summary>This thread's CPU time in milliseconds (CLOCK_THREAD_CPUTIME_ID).</summary>
        public static double Now() => ClockGetTime(3, out var time) == 0 ? time.Seconds * 1e3 + time.Nanoseconds / 1e6 : double.NaN;

        [System.Runtime.InteropServices.StructLayout(System.Runtime.InteropServices.LayoutKind.Sequential)]
        private struct TimeSpec
        {
            public long Seconds;
            public long Nanoseconds;
        }
    }

    private static double RecallAt10(IEnumerable<Guid> found, IReadOnlyList<Guid> relevant)
    {
        var top = found.Take(10).ToHashSet();
        return relevant.Count(top.Contains) / (double)relevant.Count;
    }

    private sealed record LuceneResult(
        double RebuildRate, double RebuildCpuRate, double P50, double P95, double CpuMsPerQuery, double WorkingSetMegabytes, double ManagedMegabytes, double IndexMegabytes, double SettledIndexMegabytes, double Recall,
        double RecallWithoutExpansion, double OffP50, double OffP95, double OnP50, double OnP95, double CpuOff, double CpuOn, double LoadAverage);

    /// <summary>As the server expands for an agency: the bundled list and the units' codes.</summary>
    private static TermExpansions Expansions() => TermExpansions.Create(
        [.. TermExpansions.BundledList, .. Corpus.Units.Select(u => new ExpansionEntry(u.Code, u.Name, "unit"))]);

    private sealed record PostgresResult(double LoadRate, double P50, double P95, double Recall);

    /// <summary>A benchmark query: typed words plus exactly one structured filter.</summary>
    private sealed record BenchQuery(string Text, string FilterKind, string FilterValue)
    {
        public SearchRequest ToRequest(AccessScope scope, TermExpansions? expansions = null, bool snippets = true, bool facets = true) => FilterKind switch
        {
            "year" => new SearchRequest(scope) { Query = Text, Expansions = expansions, PageSize = 10, IncludeSnippets = snippets, IncludeFacets = facets, Year = int.Parse(FilterValue, CultureInfo.InvariantCulture) },
            "unit" => new SearchRequest(scope) { Query = Text, Expansions = expansions, PageSize = 10, IncludeSnippets = snippets, IncludeFacets = facets, Unit = FilterValue },
            "classification" => new SearchRequest(scope) { Query = Text, Expansions = expansions, PageSize = 10, IncludeSnippets = snippets, IncludeFacets = facets, ClassificationPrefix = FilterValue },
            "status" => new SearchRequest(scope) { Query = Text, Expansions = expansions, PageSize = 10, IncludeSnippets = snippets, IncludeFacets = facets, Status = FilterValue },
            _ => new SearchRequest(scope) { Query = Text, Expansions = expansions, PageSize = 10, IncludeSnippets = snippets, IncludeFacets = facets, Kind = FilterValue },
        };
    }

    /// <summary>samples/search/labelled.json: planted letters and the queries that should find them.</summary>
    private sealed record LabelledSet(string Tenant, IReadOnlyList<LabelledLetter> Letters, IReadOnlyList<LabelledQuery> Queries)
    {
        public static LabelledSet Load()
        {
            var folder = new DirectoryInfo(AppContext.BaseDirectory);
            while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "Arsip.sln"))) folder = folder.Parent;
            var file = Path.Combine(folder?.FullName ?? throw new InvalidOperationException("Arsip.sln not found above the bench."),
                "samples", "search", "labelled.json");
            return JsonSerializer.Deserialize<LabelledSet>(File.ReadAllText(file), new JsonSerializerOptions(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } })
                ?? throw new InvalidOperationException($"{file} is empty.");
        }
    }

    private sealed record LabelledLetter(Guid Id, LetterDirection Direction, string NaskahKind, string LetterNumber, string Sender,
        string Subject, string Body, string Classification, DateOnly LetterDate);

    private sealed record LabelledQuery(string Query, IReadOnlyList<Guid> Relevant);

    /// <summary>
    /// A deterministic corpus: letter i is a pure function of the seed and i, so it is generated
    /// on the fly (twice, for Lucene and PostgreSQL) instead of being held in memory.
    /// </summary>
    private sealed class Corpus(int count, LabelledSet labelled)
    {
        public const string QueryTenant = "kota-bekasi";
        public static readonly string[] CallerTokens = ["agency-wide", "unit:U07", "pos:P031"];

        private static readonly string[] Tenants = [QueryTenant, QueryTenant, "kab-bogor", "kota-depok"];
        private static readonly string[] Openers =
            ["Undangan", "Permohonan", "Laporan", "Pemberitahuan", "Penyampaian", "Usulan", "Permintaan", "Tindak Lanjut", "Hasil", "Rencana", "Jadwal"];
        private static readonly string[] Activities =
        [
            "Rapat Koordinasi", "Sosialisasi", "Evaluasi", "Monitoring", "Penyusunan", "Pengadaan", "Pembangunan", "Pemeliharaan",
            "Pendataan", "Verifikasi", "Penanganan", "Pembinaan", "Pelatihan", "Bimbingan Teknis", "Rehabilitasi", "Pengawasan",
            "Inventarisasi", "Percepatan", "Penertiban", "Peningkatan",
        ];
        private static readonly string[] Objects =
        [
            "Banjir", "Data Kepegawaian", "Anggaran Belanja Daerah", "Jalan Lingkungan", "Saluran Drainase", "Posyandu",
            "Sekolah Dasar Negeri", "Puskesmas", "Pasar Tradisional", "Pengelolaan Sampah", "Pajak Bumi dan Bangunan",
            "Retribusi Parkir", "Arsip Dinamis", "Barang Milik Daerah", "Bantuan Sosial", "Penurunan Stunting",
            "Demam Berdarah Dengue", "Penerangan Jalan Umum", "Perizinan Berusaha", "Administrasi Kependudukan",
            "Pemilihan Umum", "Ketenteraman dan Ketertiban Umum", "Aparatur Sipil Negara", "Kenaikan Pangkat", "Cuti Tahunan",
            "Disiplin Pegawai", "Rumah Tidak Layak Huni", "Usaha Mikro", "Cadangan Pangan", "Kebakaran Permukiman",
            "Gedung Kantor", "Kendaraan Dinas", "Sistem Pemerintahan Berbasis Elektronik", "Pengaduan Masyarakat",
            "Laporan Keuangan", "Dana Kelurahan", "Ruang Terbuka Hijau", "Transportasi Umum", "Air Bersih", "Kesehatan Ibu dan Anak",
        ];
        public static readonly (string Name, string Code)[] Units =
        [
            ("Sekretariat Daerah", "Setda"), ("Dinas Kesehatan", "Dinkes"), ("Dinas Pendidikan", "Disdik"),
            ("Dinas Pekerjaan Umum dan Penataan Ruang", "DPUPR"), ("Dinas Perhubungan", "Dishub"), ("Dinas Sosial", "Dinsos"),
            ("Dinas Lingkungan Hidup", "DLH"), ("Badan Perencanaan Pembangunan Daerah", "Bappeda"),
            ("Badan Kepegawaian dan Pengembangan Sumber Daya Manusia", "BKPSDM"), ("Inspektorat Daerah", "Itda"),
            ("Satuan Polisi Pamong Praja", "SatpolPP"), ("Dinas Kependudukan dan Pencatatan Sipil", "Disdukcapil"),
            ("Kecamatan Bekasi Timur", "KecBT"), ("Kecamatan Bekasi Barat", "KecBB"), ("Kecamatan Medan Satria", "KecMS"),
            ("Kecamatan Pondok Gede", "KecPG"), ("Kecamatan Rawalumbu", "KecRL"), ("Kecamatan Mustikajaya", "KecMJ"),
            ("Dinas Perdagangan dan Perindustrian", "Disdagperin"), ("Dinas Koperasi dan Usaha Kecil Menengah", "Diskop"),
            ("Dinas Pemuda dan Olahraga", "Dispora"), ("Dinas Kebudayaan dan Pariwisata", "Disbudpar"),
            ("Dinas Ketahanan Pangan", "DKP"), ("Dinas Pemadam Kebakaran", "Damkar"), ("Badan Pendapatan Daerah", "Bapenda"),
            ("Rumah Sakit Umum Daerah", "RSUD"), ("Dinas Perumahan dan Permukiman", "Disperkim"), ("Bagian Umum", "Umum"),
            ("Bagian Protokol dan Komunikasi Pimpinan", "Prokopim"), ("Bagian Pemerintahan", "Pem"),
        ];
        private static readonly string[] ExternalSenders =
        [
            "Pemerintah Provinsi Jawa Barat", "Kementerian Dalam Negeri", "Kementerian Keuangan", "Badan Pusat Statistik",
            "Kepolisian Resor Metro", "Komisi Pemilihan Umum", "Dewan Perwakilan Rakyat Daerah", "PT PLN (Persero) Unit Pelaksana",
            "Perusahaan Umum Daerah Air Minum", "Kantor Kementerian Agama", "BPJS Kesehatan Cabang", "Universitas Negeri Jakarta",
        ];
        private static readonly string[] Places =
        [
            "Margahayu", "Duren Jaya", "Aren Jaya", "Bekasi Jaya", "Harapan Jaya", "Kaliabang Tengah", "Perwira", "Teluk Pucung",
            "Kayuringin Jaya", "Pekayon Jaya", "Jakasampurna", "Kranji", "Bintara", "Jatirahayu", "Sepanjang Jaya", "Pengasinan",
        ];
        private static readonly string[] Kinds = ["Surat Dinas", "Surat Undangan", "Nota Dinas", "Surat Edaran", "Laporan", "Berita Acara", "Surat Tugas"];
        private static readonly string[] Statuses = ["Terdaftar", "Didisposisikan", "Ditindaklanjuti", "Selesai", "Diarsipkan"];
        private static readonly string[] Instructions =
            ["Selesaikan", "Tindak lanjuti", "Saran dan pendapat", "Koordinasikan", "Pelajari dan kaji", "Wakili dan hadiri", "Pantau", "Untuk diketahui", "Arsipkan"];
        private static readonly string[] CentralCodes = ["KU", "PD", "HK", "OT", "PK", "KP", "PR", "SJ"];
        private static readonly string[] Classifications = BuildClassifications();

        public int Count { get; } = count + labelled.Letters.Count;

        public IndexedLetter Letter(int i)
        {
            if (i < labelled.Letters.Count) return Planted(labelled.Letters[i]);

            var random = new Random(Seed + i);
            var tenant = Pick(random, Tenants);
            var year = 2020 + random.Next(7);
            var date = new DateOnly(year, 1, 1).AddDays(random.Next(365));
            var classification = Pick(random, Classifications);
            var unit = random.Next(Units.Length);
            var direction = random.Next(10) < 6 ? LetterDirection.Incoming : LetterDirection.Outgoing;
            var security = random.Next(100) switch { < 80 => "Biasa", < 95 => "Terbatas", < 99 => "Rahasia", _ => "Sangat Rahasia" };
            var secret = security is "Rahasia" or "Sangat Rahasia";
            var activity = Pick(random, Activities);
            var subjectObject = Pick(random, Objects);
            var place = Pick(random, Places);
            var subject = random.Next(3) switch
            {
                0 => $"{Pick(random, Openers)} {activity} {subjectObject}",
                1 => $"{Pick(random, Openers)} {subjectObject} Kelurahan {place}",
                _ => $"{activity} {subjectObject} Tahun {year}",
            };
            var sender = direction == LetterDirection.Incoming && random.Next(2) == 0
                ? Pick(random, ExternalSenders)
                : Units[random.Next(Units.Length)].Name;
            var sequence = random.Next(1, 3000);
            var number = direction == LetterDirection.Incoming && random.Next(6) == 0
                ? $"{(secret ? "R" : "B")}-{sequence}/{Pick(random, CentralCodes)}/{classification}/{date.Month:00}/{year}"
                : $"{classification}/{sequence}/{Units[unit].Code}/{year}";

            return new IndexedLetter
            {
                Id = new Guid(i, (short)(Seed & 0x7fff), 0, [0, 0, 0, 0, 0, 0, 0, 1]),
                Tenant = tenant,
                AccessTokens = secret
                    ? [$"pos:P{random.Next(200):000}", $"person:N{random.Next(5000):0000}"]
                    : ["agency-wide", $"unit:U{unit:00}"],
                Direction = direction,
                NaskahKind = Pick(random, Kinds),
                AgendaNumber = direction == LetterDirection.Incoming ? $"{random.Next(1, 9000):0000}/SM/{year}" : null,
                LetterNumber = direction == LetterDirection.Outgoing ? number : null,
                SenderLetterNumber = direction == LetterDirection.Incoming ? number : null,
                Sender = sender,
                Addressees = [Units[unit].Name],
                Subject = subject,
                Summary = $"{activity} {subjectObject} di Kelurahan {place}",
                Body = Body(random, activity, subjectObject, place, date, Units[unit].Name),
                Classification = classification,
                SecurityLevel = security,
                Urgency = Pick(random, ["Biasa", "Biasa", "Segera", "Sangat Segera"]),
                Status = Pick(random, Statuses),
                UnitIds = [$"U{unit:00}"],
                LetterDate = date,
                ReceivedDate = date.AddDays(random.Next(5)),
                DispositionTexts = random.Next(2) == 0
                    ? [$"{Pick(random, Instructions)} bersama {Units[random.Next(Units.Length)].Name}", $"Sudah ditindaklanjuti, laporan {activity.ToLowerInvariant()} terlampir"]
                    : [],
            };
        }

        /// <summary>Deterministic queries like people type them: 1–3 words of a real subject, sometimes misspelt, plus one filter.</summary>
        public IReadOnlyList<BenchQuery> Queries(int howMany)
        {
            var random = new Random(Seed);
            var queries = new List<BenchQuery>(howMany);
            while (queries.Count < howMany)
            {
                var words = Letter(labelled.Letters.Count + random.Next(count)).Subject.Split(' ')
                    .Where(w => w.Length > 3 && !w.All(char.IsDigit)).ToArray();
                if (words.Length == 0) continue;
                var take = Math.Min(words.Length, 1 + random.Next(3));
                var start = random.Next(words.Length - take + 1);
                var text = words[start..(start + take)].Select(w => w.ToLowerInvariant()).ToArray();
                if (random.Next(10) == 0 && text[0].Length >= 6)
                    text[0] = text[0][..2] + text[0][3] + text[0][2] + text[0][4..]; // a transposition typo

                var filter = random.Next(5) switch
                {
                    0 => ("year", (2020 + random.Next(7)).ToString(CultureInfo.InvariantCulture)),
                    1 => ("unit", $"U{random.Next(Units.Length):00}"),
                    2 => ("classification", Pick(random, Classifications).Split('.')[0]),
                    3 => ("status", Pick(random, Statuses)),
                    _ => ("kind", random.Next(2) == 0 ? "incoming" : "outgoing"),
                };
                queries.Add(new BenchQuery(string.Join(' ', text), filter.Item1, filter.Item2));
            }
            return queries;
        }

        /// <summary>Everything PostgreSQL searches, matching what the Lucene content field holds.</summary>
        public static string Document(IndexedLetter letter) => string.Join('\n', new[]
        {
            letter.LetterNumber, letter.SenderLetterNumber, letter.AgendaNumber, letter.Sender, letter.NaskahKind,
            letter.Summary, letter.Body, letter.AttachmentText,
        }.Concat(letter.Addressees).Concat(letter.DispositionTexts).Where(t => !string.IsNullOrEmpty(t)));

        private IndexedLetter Planted(LabelledLetter letter) => new()
        {
            Id = letter.Id,
            Tenant = labelled.Tenant,
            AccessTokens = ["agency-wide"],
            Direction = letter.Direction,
            NaskahKind = letter.NaskahKind,
            LetterNumber = letter.Direction == LetterDirection.Outgoing ? letter.LetterNumber : null,
            SenderLetterNumber = letter.Direction == LetterDirection.Incoming ? letter.LetterNumber : null,
            Sender = letter.Sender,
            Subject = letter.Subject,
            Body = letter.Body,
            Classification = letter.Classification,
            SecurityLevel = "Biasa",
            Status = "Terdaftar",
            UnitIds = ["U00"],
            LetterDate = letter.LetterDate,
        };

        private static string Body(Random random, string activity, string subjectObject, string place, DateOnly date, string unit)
        {
            var a = activity.ToLowerInvariant();
            var o = subjectObject.ToLowerInvariant();
            var day = date.ToString("d MMMM yyyy", CultureInfo.GetCultureInfo("id-ID"));
            string[] sentences =
            [
                $"Sehubungan dengan {a} {o} di Kelurahan {place}, bersama ini kami sampaikan bahwa kegiatan akan dilaksanakan pada tanggal {day}.",
                $"Dalam rangka {a} {o}, mohon kehadiran Bapak/Ibu pada rapat yang akan diselenggarakan di ruang rapat {unit}.",
                $"Berdasarkan Peraturan Wali Kota Nomor {random.Next(1, 90)} Tahun {date.Year - random.Next(4)}, perlu dilakukan {a} {o} secara terpadu.",
                $"Kami mohon agar {unit} dapat menyampaikan data {o} paling lambat tanggal {day}.",
                $"Hasil {a} menunjukkan bahwa {o} di wilayah {place} memerlukan tindak lanjut segera.",
                $"Anggaran kegiatan dibebankan pada Dokumen Pelaksanaan Anggaran {unit} tahun {date.Year}.",
                "Demikian disampaikan, atas perhatian dan kerja samanya diucapkan terima kasih.",
            ];
            var body = new StringBuilder();
            for (var s = 0; s < 3 + random.Next(3); s++) body.Append(Pick(random, sentences)).Append(' ');
            return body.Append(sentences[^1]).ToString();
        }

        private static string[] BuildClassifications()
        {
            var random = new Random(Seed);
            var codes = new List<string>();
            for (var top = 0; top < 10; top++)
            for (var second = 1; second <= 9; second++)
            {
                var code = $"{top}00.{second}";
                codes.Add(code);
                for (var third = 1; third <= random.Next(1, 6); third++)
                {
                    codes.Add($"{code}.{third}");
                    if (random.Next(3) == 0) codes.Add($"{code}.{third}.{random.Next(1, 4)}");
                }
            }
            return [.. codes];
        }

        private static T Pick<T>(Random random, T[] items) => items[random.Next(items.Length)];
    }

    /// <summary>The same corpus and queries in PostgreSQL: to_tsvector('indonesian', ...) with a GIN index.</summary>
    private static class PostgresBaseline
    {
        private const string Table = "arsip_bench_letters";

        public static async Task<PostgresResult> RunAsync(string connectionString, Corpus corpus, IReadOnlyList<BenchQuery> queries, LabelledSet labelled, TextWriter log)
        {
            await using var source = NpgsqlDataSource.Create(connectionString);
            await using var connection = await source.OpenConnectionAsync();
            await Execute(connection, $"""
                DROP TABLE IF EXISTS {Table};
                CREATE TABLE {Table} (
                    id uuid PRIMARY KEY, tenant text NOT NULL, access text[] NOT NULL, units text[] NOT NULL,
                    year int NOT NULL, classification text, status text, kind text NOT NULL, letter_date date NOT NULL,
                    subject text NOT NULL, doc text NOT NULL,
                    tsv tsvector GENERATED ALWAYS AS
                        (setweight(to_tsvector('indonesian', subject), 'A') || to_tsvector('indonesian', doc)) STORED);
                """);

            var clock = Stopwatch.StartNew();
            await using (var import = await connection.BeginBinaryImportAsync(
                $"COPY {Table} (id, tenant, access, units, year, classification, status, kind, letter_date, subject, doc) FROM STDIN (FORMAT BINARY)"))
            {
                for (var i = 0; i < corpus.Count; i++)
                {
                    var letter = corpus.Letter(i);
                    await import.StartRowAsync();
                    await import.WriteAsync(letter.Id, NpgsqlDbType.Uuid);
                    await import.WriteAsync(letter.Tenant, NpgsqlDbType.Text);
                    await import.WriteAsync(letter.AccessTokens.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text);
                    await import.WriteAsync(letter.UnitIds.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text);
                    await import.WriteAsync(letter.Year ?? letter.LetterDate.Year, NpgsqlDbType.Integer);
                    await import.WriteAsync(letter.Classification, NpgsqlDbType.Text);
                    await import.WriteAsync(letter.Status, NpgsqlDbType.Text);
                    await import.WriteAsync(letter.Direction == LetterDirection.Incoming ? "incoming" : "outgoing", NpgsqlDbType.Text);
                    await import.WriteAsync(letter.LetterDate, NpgsqlDbType.Date);
                    await import.WriteAsync(letter.Subject, NpgsqlDbType.Text);
                    await import.WriteAsync(Corpus.Document(letter), NpgsqlDbType.Text);
                }
                await import.CompleteAsync();
            }
            await Execute(connection, $"""
                CREATE INDEX ON {Table} USING gin (tsv);
                CREATE INDEX ON {Table} USING gin (access);
                ANALYZE {Table};
                """);
            var loadRate = corpus.Count / clock.Elapsed.TotalSeconds;
            log.WriteLine($"  postgres: loaded and indexed {corpus.Count:N0} letters in {clock.Elapsed.TotalSeconds:0.0} s");

            var next = 0;
            // Fewer samples than Lucene: at 1M letters a PostgreSQL query takes up to seconds.
            var samples = Measure.Latencies(20, 300, () => Search(connection, queries[next++ % queries.Count]).Count());
            log.WriteLine($"  postgres: p50 {Measure.Ms(Measure.Percentile(samples, 50))}, p95 {Measure.Ms(Measure.Percentile(samples, 95))}");
            var recall = labelled.Queries.Average(q => RecallAt10(Search(connection, new BenchQuery(q.Query, "none", "")), q.Relevant));
            await Execute(connection, $"DROP TABLE {Table}");
            return new PostgresResult(loadRate, Measure.Percentile(samples, 50), Measure.Percentile(samples, 95), recall);
        }

        /// <summary>The top 10 by ts_rank with the total count, trimmed and filtered like the Lucene request.</summary>
        private static List<Guid> Search(NpgsqlConnection connection, BenchQuery query)
        {
            var filter = query.FilterKind switch
            {
                "year" => "AND year = @value::int",
                "unit" => "AND units @> ARRAY[@value]",
                "classification" => "AND (classification = @value OR classification LIKE @value || '.%')",
                "status" => "AND status = @value",
                "kind" => "AND kind = @value",
                _ => "",
            };
            using var command = new NpgsqlCommand($"""
                SELECT id, count(*) OVER () FROM {Table}, websearch_to_tsquery('indonesian', @q) AS q
                WHERE tenant = @tenant AND access && @tokens AND tsv @@ q {filter}
                ORDER BY ts_rank(tsv, q) DESC LIMIT 10
                """, connection);
            command.Parameters.AddWithValue("q", query.Text);
            command.Parameters.AddWithValue("tenant", Corpus.QueryTenant);
            command.Parameters.AddWithValue("tokens", Corpus.CallerTokens);
            if (filter.Length > 0) command.Parameters.AddWithValue("value", query.FilterValue);
            using var reader = command.ExecuteReader();
            var ids = new List<Guid>();
            while (reader.Read()) ids.Add(reader.GetGuid(0));
            return ids;
        }

        private static async Task Execute(NpgsqlConnection connection, string sql)
        {
            await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
            await command.ExecuteNonQueryAsync();
        }
    }
}
