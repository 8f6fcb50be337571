using FreelancerOS.Web.Data;
using FreelancerOS.Web.Domain;
using FreelancerOS.Web.Features.Ledger;
using Microsoft.EntityFrameworkCore;

namespace FreelancerOS.Web.Infrastructure.DemoData;

/// <summary>
/// Fills the current account with realistic, repeatable data (a fixed random seed). Each feature adds
/// its own step here; every step is sized by <c>years</c> so benchmarks can ask for years of history.
/// </summary>
public sealed class DemoDataSeeder(AppDbContext db, TimeProvider clock)
{
    private static readonly string[] Companies =
    [
        "Acme Ltd", "Globex GmbH", "Initech SARL", "Umbrella BV", "Stark Studio", "Wayne Analytics", "Hooli Labs",
        "Vandelay Imports", "Soylent Foods", "Tyrell Design", "Cyberdyne AB", "Aperture Media", "Pied Piper Oy",
        "Wonka Confections", "Gringotts Advisory", "Oceanic Travel", "Nakatomi Trading", "Monarch Books",
    ];

    private static readonly string[] People =
    [
        "Alice Martin", "Bruno Keller", "Chloé Dubois", "Daan de Vries", "Eva Lindqvist", "Farid Haddad", "Greta Novak",
        "Hiro Tanaka", "Isabel Costa", "Jonas Weber", "Kara O'Neill", "Luca Bianchi", "Maya Patel", "Nils Berg",
    ];

    private DemoProfile _profile = DemoProfile.Standard;

    public async Task<string> SeedAsync(int years, int seed, DemoProfile? profile = null)
    {
        _profile = profile ?? DemoProfile.Standard;
        var random = new Random(seed);
        // Tens of thousands of rows: changes are detected once per batch (SaveBatchAsync), not on every call,
        // and each batch is saved in its own transaction and then forgotten, so the tracker stays small.
        var autoDetect = db.ChangeTracker.AutoDetectChangesEnabled;
        if (_profile.Batched) db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            var settings = await EnsureSettingsAsync();
            var clients = await SeedClientsAsync(random, years, settings);
            await SaveBatchAsync(clear: true);
            var work = await SeedWorkAsync(random, years, settings);
            await SaveBatchAsync(clear: true);
            var invoices = await SeedInvoicesAsync(random, years, settings);
            await SaveBatchAsync(clear: true);
            if (_profile.BillsEveryMonth) await SeedMonthlyBillingAsync(settings);
            var billed = await SeedBilledWorkAsync(settings);
            await SaveBatchAsync(clear: true);
            var entries = await SeedLedgerAsync(random, years, settings);
            await SaveBatchAsync(clear: true);
            return $"{clients} clients, {entries} ledger entries. {work} {invoices}. {billed}.";
        }
        finally
        {
            db.ChangeTracker.AutoDetectChangesEnabled = autoDetect;
        }
    }

    /// <summary>Saves what the current batch added or changed (one transaction); the heavy profile then forgets it.</summary>
    private async Task SaveBatchAsync(bool clear = false)
    {
        // Saving itself detects changes: the owner stamp and the version bump it makes must reach the database.
        db.ChangeTracker.AutoDetectChangesEnabled = true;
        await db.SaveChangesAsync();
        db.ChangeTracker.AutoDetectChangesEnabled = !_profile.Batched;
        if (clear && _profile.Batched) db.ChangeTracker.Clear();
    }

    private static string EmailOf(string person)
    {
        var ascii = new string(person.Normalize(System.Text.NormalizationForm.FormD)
            .Where(ch => System.Globalization.CharUnicodeInfo.GetUnicodeCategory(ch) != System.Globalization.UnicodeCategory.NonSpacingMark)
            .ToArray());
        return ascii.ToLowerInvariant().Replace(' ', '.').Replace("'", "") + "@example.com";
    }

    private async Task<AccountSettings> EnsureSettingsAsync()
    {
        var settings = await db.Settings.SingleOrDefaultAsync();
        if (settings is null)
        {
            settings = new AccountSettings
            {
                HomeCurrency = "EUR",
                BusinessName = "Jordan Freelance Studio",
                BusinessAddress = "12 Canal Street\n1012 AB Amsterdam\nNetherlands",
                BusinessEmail = "hello@jordan.example",
                TaxId = "NL123456789B01",
                PaymentInstructions = "IBAN NL91 ABNA 0417 1643 00 · BIC ABNANL2A\nPlease quote the invoice number.",
                DefaultHourlyRate = 85m,
            };
            db.Settings.Add(settings);
            await SaveBatchAsync();
        }
        return settings;
    }

    private async Task<int> SeedClientsAsync(Random random, int years, AccountSettings settings)
    {
        var count = _profile.ClientsPerYear * years;
        var nextOrder = new Dictionary<ClientStage, int>();
        for (var i = 0; i < count; i++)
        {
            var company = Companies[i % Companies.Length] + (i >= Companies.Length ? $" {i / Companies.Length + 1}" : "");
            var person = People[random.Next(People.Length)];
            var stage = (ClientStage)(random.Next(10) switch { < 3 => 0, < 5 => 1, < 9 => 2, _ => 3 });
            var client = new Client
            {
                Name = company,
                Company = company,
                ContactPerson = person,
                Position = random.Next(2) == 0 ? "Managing director" : "Marketing lead",
                Email = EmailOf(person),
                Phone = $"+31 20 {random.Next(100, 999)} {random.Next(1000, 9999)}",
                Website = $"https://{company.ToLowerInvariant().Replace(' ', '-')}.example",
                Currency = random.Next(6) == 0 ? "USD" : settings.HomeCurrency,
                DefaultHourlyRate = random.Next(3) == 0 ? 95m : null,
                ContractValue = random.Next(1, 25) * 1000m,
                Notes = "Met at a meetup; prefers e-mail.",
                CreatedAt = clock.GetUtcNow().AddDays(-random.Next(365 * years)),
            };
            var order = nextOrder.GetValueOrDefault(stage);
            nextOrder[stage] = order + 1;
            client.MoveTo(stage, order);
            db.Clients.Add(client);
        }
        await SaveBatchAsync();
        return count;
    }

    private static readonly string[] ProjectNames =
    [
        "Website relaunch", "Brand identity", "Online shop", "Newsletter templates", "Annual report", "Mobile app MVP",
        "SEO audit", "Booking system", "Product photography", "Intranet", "Data dashboard", "Pitch deck",
    ];

    private static readonly string[] ServiceNames = ["Design", "Development", "Copywriting", "Consulting", "Project management", "Testing"];

    /// <summary>
    /// Projects with services, milestones and scope changes, and the hours logged on them: per year of
    /// history about ten projects and a working year of time entries, rates copied as the app does.
    /// </summary>
    private async Task<string> SeedWorkAsync(Random random, int years, AccountSettings settings)
    {
        var clients = await db.Clients.Where(c => c.Stage == ClientStage.Client || c.Stage == ClientStage.Archived || c.Stage == ClientStage.Negotiation)
            .OrderBy(c => c.Id).ToListAsync();
        if (clients.Count == 0) return "No clients to work for.";
        var today = settings.Today(clock);
        var nextOrder = new Dictionary<Priority, int>();
        var serviceOrder = new Dictionary<WorkStatus, int>();
        int projects = 0, services = 0, milestones = 0, entries = 0;

        for (var year = years - 1; year >= 0; year--)
        {
            var yearStart = today.AddDays(-365 * (year + 1) + 1);
            var work = new List<(Project Project, Client Client, List<Service> Services)>();
            var perYear = _profile.ProjectsPerYear;
            for (var i = 0; i < perYear; i++)
            {
                var client = clients[random.Next(clients.Count)];
                var start = yearStart.AddDays(random.Next(0, 330));
                var end = start.AddDays(random.Next(20, 120));
                // The latest year always has work under way and some to come, so the boards and this week's timesheet have something.
                if (year == 0 && i >= perYear * 6 / 10)
                {
                    start = i < perYear * 9 / 10 ? today.AddDays(-random.Next(14, 60)) : today.AddDays(random.Next(5, 30));
                    end = i < perYear * 9 / 10 ? today.AddDays(random.Next(10, 60)) : start.AddDays(60);
                }
                var fixedPrice = random.Next(3) == 0;
                var estimate = random.Next(4, 30) * 5m;
                var project = new Project
                {
                    Name = ProjectNames[random.Next(ProjectNames.Length)] + (year > 0 ? $" {today.Year - year}" : ""),
                    ClientId = client.Id,
                    Pricing = fixedPrice ? ProjectPricing.FixedPrice : ProjectPricing.Hourly,
                    Value = fixedPrice ? random.Next(3, 25) * 1000m : null,
                    HourlyRate = random.Next(4) == 0 ? 110m : null,
                    Status = end < today ? WorkStatus.Completed : start <= today ? WorkStatus.InProgress : WorkStatus.NotStarted,
                    EstimatedHours = random.Next(6) == 0 ? null : estimate,
                    CompletionBasis = fixedPrice && random.Next(2) == 0 ? CompletionBasis.Invoicing : CompletionBasis.Hours,
                    CreatedAt = new DateTimeOffset(start.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero),
                };
                project.SetDates(start, random.Next(5) == 0 && end < today ? null : end);
                var priority = (Priority)random.Next(3);
                var order = nextOrder.GetValueOrDefault(priority);
                nextOrder[priority] = order + 1;
                project.MoveTo(priority, order);
                db.Projects.Add(project);

                var projectServices = new List<Service>();
                foreach (var name in ServiceNames.OrderBy(_ => random.Next()).Take(random.Next(1, 4)))
                {
                    var flat = random.Next(4) == 0;
                    var service = new Service
                    {
                        Name = name, Project = project, Pricing = flat ? ServicePricing.Flat : ServicePricing.Hourly,
                        Rate = flat ? random.Next(5, 30) * 100m : random.Next(8, 14) * 10m,
                        Quantity = flat ? 1 : random.Next(2, 12) * 5m,
                    };
                    var status = project.Status;
                    var so = serviceOrder.GetValueOrDefault(status);
                    serviceOrder[status] = so + 1;
                    service.MoveTo(status, so);
                    db.Services.Add(service);
                    projectServices.Add(service);
                    services++;
                }
                work.Add((project, client, projectServices));
                projects++;
            }
            await SaveBatchAsync();

            foreach (var (project, client, projectServices) in work)
            {
                if (project.Pricing == ProjectPricing.FixedPrice)
                {
                    var shares = MilestoneSchedule.Presets["30-40-30"];
                    var amounts = MilestoneSchedule.Amounts(project.Value!.Value, client.Currency, ShareMode.Percent, shares);
                    string[] names = ["Kick-off", "Delivery", "Launch"];
                    var span = (project.EndDate ?? project.StartDate!.Value.AddDays(60)).DayNumber - project.StartDate!.Value.DayNumber;
                    for (var m = 0; m < 3; m++)
                    {
                        var due = project.StartDate.Value.AddDays(span * m / 2);
                        db.Milestones.Add(new Milestone
                        {
                            ProjectId = project.Id, Name = names[m], Amount = amounts[m], Percent = shares[m], DueDate = due, SortOrder = m,
                            State = due < today ? MilestoneState.Reached : MilestoneState.Pending,
                        });
                        milestones++;
                    }
                }
                if (random.Next(3) == 0)
                {
                    var change = new ScopeChange
                    {
                        ProjectId = project.Id, Description = "Extra landing page requested after the review",
                        EstimateHours = 6m, EstimateAmount = project.Pricing == ProjectPricing.FixedPrice ? 600m : null,
                        RequestedOn = project.StartDate!.Value.AddDays(10),
                    };
                    if (random.Next(2) == 0) project.Approve(change);
                    db.ScopeChanges.Add(change);
                }

                var last = project.EndDate ?? project.StartDate!.Value.AddDays(60);
                if (last > today) last = today;
                for (var day = project.StartDate!.Value; day <= last; day = day.AddDays(1))
                {
                    if (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday || random.Next(2) == 0) continue;
                    var service = projectServices.Count > 0 && random.Next(4) > 0 ? projectServices[random.Next(projectServices.Count)] : null;
                    var entry = new TimeEntry
                    {
                        Date = day, ProjectId = project.Id, ServiceId = service?.Id, Description = service?.Name ?? "Coordination",
                        Billable = random.Next(8) > 0, CreatedAt = new DateTimeOffset(day.ToDateTime(new TimeOnly(18, 0)), TimeSpan.Zero),
                    };
                    entry.SnapshotRate(HourlyRates.Resolve(service, project, client, settings), client.Currency);
                    entry.SetHours(random.Next(2, 25) * 0.25m);
                    db.TimeEntries.Add(entry);
                    entries++;
                }
            }
            await SaveBatchAsync(clear: true);
        }
        return $"{projects} projects, {services} services, {milestones} milestones, {entries} time entries.";
    }

    private static readonly string[] InvoiceWork =
    [
        "Website design and build", "Brand workshop (half day)", "Monthly maintenance retainer", "Copywriting, landing page",
        "UX review and recommendations", "Development hours", "Photography, product shoot", "Hosting and domain, 12 months",
        "SEO audit", "Newsletter template", "Project management", "Support hours",
    ];

    /// <summary>
    /// Recent invoices of the clients in the Client stage: drafts, sent ones, overdue ones and a few void
    /// ones, numbered in date order as issuing would. Paid invoices come with the ledger (their payments
    /// are incomes), so this step makes none yet.
    /// </summary>
    private async Task<string> SeedInvoicesAsync(Random random, int years, AccountSettings settings)
    {
        var clients = await db.Clients.Where(c => c.Stage == ClientStage.Client).OrderBy(c => c.Id).ToListAsync();
        if (clients.Count == 0) return "0 invoices";
        var today = settings.Today(clock);
        var now = clock.GetUtcNow();
        var count = _profile.InvoicesPerYear * years;
        var invoices = new List<Invoice>();
        for (var k = 0; k < count; k++)
        {
            var client = clients[random.Next(clients.Count)];
            var issue = today.AddDays(-random.Next(0, _profile.InvoiceSpreadDays ?? 365 * years));
            var taxRate = client.Currency == settings.HomeCurrency ? 21m : (decimal?)null;
            var invoice = Invoice.CreateDraft(client, issue, Invoice.DefaultDueDate(issue, settings.PaymentTermsDays), taxRate, null, now);
            var lines = Enumerable.Range(0, random.Next(1, 6)).Select(_ =>
            {
                var hourly = random.Next(2) == 0;
                return new InvoiceLineItem(InvoiceLineSourceKind.Free, null, InvoiceWork[random.Next(InvoiceWork.Length)],
                    hourly ? random.Next(2, 40) + random.Next(4) * 0.25m : 1m,
                    hourly ? client.DefaultHourlyRate ?? (settings.DefaultHourlyRate > 0 ? settings.DefaultHourlyRate : 85m) : random.Next(3, 60) * 50m,
                    client.Currency);
            }).ToList();
            invoice.AddLines(lines);
            invoices.Add(invoice);
        }

        // Issue three in four, oldest first, so numbers follow the dates; some past their due date, a few void.
        var counters = await db.InvoiceNumberCounters.ToListAsync();
        var sequences = counters.ToDictionary(c => c.Year, c => c.LastSequence);
        foreach (var invoice in invoices.OrderBy(i => i.IssueDate).Where(_ => random.Next(4) != 0))
        {
            var year = invoice.IssueDate.Year;
            var sequence = sequences[year] = sequences.GetValueOrDefault(year) + 1;
            invoice.Issue(settings.FormatInvoiceNumber(year, sequence), year, sequence, now, InvoiceParties.From(settings, invoice.Client!));
            if (invoice.DueDate < today) invoice.MarkOverdue(today, now);
            if (random.Next(12) == 0) invoice.Void(now);
        }
        db.Invoices.AddRange(invoices);
        foreach (var (year, last) in sequences)
        {
            var counter = counters.SingleOrDefault(c => c.Year == year);
            if (counter is null) db.InvoiceNumberCounters.Add(new InvoiceNumberCounter { Year = year, LastSequence = last });
            else counter.LastSequence = last;
        }
        await SaveBatchAsync();
        await SeedInvoicePaymentsAsync(invoices, settings);
        var byStatus = invoices.GroupBy(i => i.Status).OrderBy(g => g.Key).Select(g => $"{g.Count()} {g.Key.ToString().ToLowerInvariant()}");
        return $"{invoices.Count} invoices ({string.Join(", ", byStatus)})";
    }

    /// <summary>
    /// Bills work the way the invoice form does: per client, last month's billable hours (one line per
    /// project, service and rate) and the milestones reached in the last year go on one invoice, whose
    /// items then point at it (InvoiceId, and the line for time). The first such invoice stays a draft;
    /// the others are issued today, numbered after the invoices already issued.
    /// </summary>
    private async Task<string> SeedBilledWorkAsync(AccountSettings settings)
    {
        var today = settings.Today(clock);
        var monthStart = new DateOnly(today.Year, today.Month, 1).AddMonths(-1);
        var (count, hours, reachedCount) = await BillWorkAsync(settings, monthStart, today, today.AddDays(-365), [ClientStage.Client], leaveDraft: true, paid: false);
        if (count == 0) return "No work to bill";
        return $"{count} invoices of billed work ({hours} time entries of {monthStart:MMMM yyyy}, {reachedCount} milestones; one left as a draft)";
    }

    /// <summary>
    /// Heavy profile: a busy freelancer bills every month, so the work of each month before last is on an
    /// invoice issued on the 1st of the next month and paid (one batch per month).
    /// </summary>
    private async Task SeedMonthlyBillingAsync(AccountSettings settings)
    {
        var today = settings.Today(clock);
        var last = new DateOnly(today.Year, today.Month, 1).AddMonths(-2);
        var first = await db.TimeEntries.MinAsync(t => (DateOnly?)t.Date);
        if (first is null) return;
        for (var month = new DateOnly(first.Value.Year, first.Value.Month, 1); month <= last; month = month.AddMonths(1))
        {
            await BillWorkAsync(settings, month, month.AddMonths(1), month, [ClientStage.Client, ClientStage.Negotiation, ClientStage.Archived],
                leaveDraft: false, paid: true, milestonesUntil: month.AddMonths(1).AddDays(-1));
            await SaveBatchAsync(clear: true);
        }
    }

    private async Task<(int Invoices, int Hours, int Milestones)> BillWorkAsync(AccountSettings settings, DateOnly monthStart, DateOnly issueDate,
        DateOnly milestonesSince, ClientStage[] stages, bool leaveDraft, bool paid, DateOnly? milestonesUntil = null)
    {
        var today = issueDate;
        var now = clock.GetUtcNow();
        var monthEnd = monthStart.AddMonths(1).AddDays(-1);
        var clients = await db.Clients.Where(c => stages.Contains(c.Stage)).OrderBy(c => c.Id).ToListAsync();
        var clientIds = clients.Select(c => c.Id).ToList();
        var entries = await db.TimeEntries.Include(t => t.Project).Include(t => t.Service)
            .Where(t => t.Billable && t.InvoiceId == null && t.Date >= monthStart && t.Date <= monthEnd && clientIds.Contains(t.Project!.ClientId))
            .ToListAsync();
        var since = milestonesSince;
        var until = milestonesUntil ?? DateOnly.MaxValue;
        var milestones = await db.Milestones
            .Join(db.Projects, m => m.ProjectId, p => p.Id, (m, p) => new { Milestone = m, Project = p })
            .Where(x => x.Milestone.State == MilestoneState.Reached && x.Milestone.InvoiceId == null && x.Milestone.DueDate >= since
                        && x.Milestone.DueDate <= until && clientIds.Contains(x.Project.ClientId))
            .ToListAsync();

        var billed = new List<(Invoice Invoice, List<(InvoiceLine Line, List<TimeEntry> Entries, Milestone? Milestone)> Items)>();
        foreach (var client in clients)
        {
            var time = entries.Where(t => t.Project!.ClientId == client.Id && t.Currency == client.Currency)
                .GroupBy(t => (t.ProjectId, ProjectName: t.Project!.Name, t.ServiceId, ServiceName: t.Service?.Name, t.HourlyRate))
                .OrderBy(g => g.Key.ProjectName).ThenBy(g => g.Key.ServiceName ?? "\uffff").ThenBy(g => g.Key.HourlyRate).ToList();
            var reached = milestones.Where(x => x.Project.ClientId == client.Id).OrderBy(x => x.Project.Name).ThenBy(x => x.Milestone.SortOrder).ToList();
            if (time.Count == 0 && reached.Count == 0) continue;
            var invoice = Invoice.CreateDraft(client, today, Invoice.DefaultDueDate(today, settings.PaymentTermsDays),
                client.Currency == settings.HomeCurrency ? 21m : null, null, now);
            var items = new List<(InvoiceLine, List<TimeEntry>, Milestone?)>();
            foreach (var g in time)
            {
                var group = g.ToList();
                var line = invoice.AddLines([new InvoiceLineItem(InvoiceLineSourceKind.TimeEntry, group.Count == 1 ? group[0].Id : null,
                    Features.Invoices.BilledWork.ServiceLineDescription(g.Key.ProjectName, g.Key.ServiceName, group.Min(t => t.Date), group.Max(t => t.Date), group.Sum(t => t.Hours), g.Key.HourlyRate),
                    group.Sum(t => t.Hours), g.Key.HourlyRate, client.Currency, g.Key.ProjectId)])[0];
                items.Add((line, group, null));
            }
            foreach (var x in reached)
            {
                var line = invoice.AddLines([new InvoiceLineItem(InvoiceLineSourceKind.Milestone, x.Milestone.Id,
                    $"{x.Project.Name} – milestone: {x.Milestone.Name}", 1m, x.Milestone.Amount, client.Currency, x.Project.Id)])[0];
                items.Add((line, [], x.Milestone));
            }
            if (invoice.Total <= 0) continue; // work at a zero rate: nothing to bill
            db.Invoices.Add(invoice);
            billed.Add((invoice, items));
        }
        if (billed.Count == 0) return (0, 0, 0);
        await SaveBatchAsync(); // the lines get their ids

        var counters = await db.InvoiceNumberCounters.ToListAsync();
        foreach (var (invoice, items) in billed)
        {
            foreach (var (line, group, milestone) in items)
            {
                foreach (var entry in group)
                {
                    entry.InvoiceId = invoice.Id;
                    entry.InvoiceLineId = line.Id;
                }
                if (milestone is not null)
                {
                    milestone.InvoiceId = invoice.Id;
                    milestone.State = MilestoneState.Invoiced;
                }
            }
            if (leaveDraft && invoice == billed[0].Invoice) continue;
            var year = invoice.IssueDate.Year;
            var counter = counters.SingleOrDefault(c => c.Year == year);
            if (counter is null)
            {
                counter = new InvoiceNumberCounter { Year = year, LastSequence = 0 };
                db.InvoiceNumberCounters.Add(counter);
                counters.Add(counter);
            }
            counter.LastSequence++;
            invoice.Issue(settings.FormatInvoiceNumber(year, counter.LastSequence), year, counter.LastSequence, now, InvoiceParties.From(settings, invoice.Client!));
        }
        await SaveBatchAsync();
        // Issued ones get their open income in the ledger, as issuing from the page does.
        var payments = new Features.Invoices.InvoicePayments(db, clock);
        foreach (var (invoice, _) in billed.Skip(leaveDraft ? 1 : 0))
            await payments.OnIssuedAsync(invoice, DemoRates.GetValueOrDefault(invoice.Currency, 1m), default);
        await SaveBatchAsync();
        if (paid)
        {
            var mode = await db.PaymentModes.OrderBy(m => m.Name).Select(m => m.Id).FirstAsync();
            var payday = settings.Today(clock);
            foreach (var (invoice, _) in billed.Where(b => b.Invoice.Total > 0))
                await payments.RecordAsync(invoice, mode, issueDate.AddDays(14) < payday ? issueDate.AddDays(14) : payday, invoice.Total);
            await SaveBatchAsync();
        }
        return (billed.Count, billed.Sum(b => b.Items.Sum(i => i.Entries.Count)), billed.Sum(b => b.Items.Count(i => i.Milestone is not null)));
    }

    /// <summary>Typed rates for the demo's foreign-currency invoices (home-currency units per unit).</summary>
    private static readonly Dictionary<string, decimal> DemoRates = new() { ["USD"] = 0.92m, ["GBP"] = 1.17m, ["CHF"] = 1.06m, ["EUR"] = 1m };

    /// <summary>
    /// The ledger side of the demo invoices, through the same rules as the pages: every issued invoice gets
    /// its open income; about a third are then paid in full (Paid) and a quarter in part. Its own random
    /// sequence, so the other steps' data do not change with it.
    /// </summary>
    private async Task SeedInvoicePaymentsAsync(List<Invoice> invoices, AccountSettings settings)
    {
        var random = new Random(invoices.Count * 7919 + invoices.Sum(i => (int)i.Total));
        var payments = new FreelancerOS.Web.Features.Invoices.InvoicePayments(db, clock);
        var today = settings.Today(clock);
        var issued = invoices.Where(i => i.Status is InvoiceStatus.Sent or InvoiceStatus.Overdue).OrderBy(i => i.IssueDate).ToList();
        foreach (var invoice in issued)
            await payments.OnIssuedAsync(invoice, DemoRates.GetValueOrDefault(invoice.Currency, 1m), default);
        await SaveBatchAsync();
        var modes = await db.PaymentModes.OrderBy(m => m.Name).Select(m => m.Id).ToListAsync();
        foreach (var invoice in issued)
        {
            // Ten years of invoices: what is long past due has almost always been paid.
            var roll = _profile.InvoiceSpreadDays is null && invoice.DueDate < today.AddDays(-90)
                ? random.Next(40) switch { < 37 => 0, 37 or 38 => 5, _ => 11 }
                : random.Next(12);
            if (roll >= 7) continue;
            var date = invoice.IssueDate.AddDays(random.Next(3, 40));
            if (date > today) date = today;
            var amount = roll < 4 ? invoice.Total : Currency.Round(invoice.Total * random.Next(2, 8) / 10m, invoice.Currency);
            if (amount <= 0 || amount > invoice.Total) continue;
            await payments.RecordAsync(invoice, modes[random.Next(Math.Min(2, modes.Count))], date, amount);
        }
        await SaveBatchAsync();
    }

    private static readonly (string Description, string Vendor, string Category, int Min, int Max)[] MonthlyCosts =
    [
        ("Adobe Creative Cloud", "Adobe", "Software", 60, 60),
        ("GitHub subscription", "GitHub", "Software", 4, 4),
        ("Coworking desk", "Spaces Amsterdam", "Office", 250, 250),
        ("Mobile phone plan", "KPN", "Office", 35, 45),
        ("Bank account fee", "ABN AMRO", "Bank fees", 8, 8),
    ];

    private static readonly (string Description, string Vendor, string Category, int Min, int Max)[] OccasionalCosts =
    [
        ("Train tickets to client", "NS", "Travel", 20, 90),
        ("Hotel for workshop", "Booking.com", "Travel", 90, 320),
        ("Flight to conference", "KLM", "Travel", 150, 600),
        ("Office supplies", "Staples", "Office", 10, 80),
        ("Laptop stand and keyboard", "Coolblue", "Hardware", 60, 250),
        ("Domain renewals", "Namecheap", "Software", 12, 40),
        ("Lunch with a prospect", "Café de Jaren", "Travel", 25, 70),
    ];

    /// <summary>
    /// A few years of a freelancer's books, month by month up to today: client payments (some in USD at
    /// a typed rate), a little interest, subscriptions, travel and quarterly taxes. Recent client
    /// income is partly not received yet, so the dashboard has money receivable.
    /// </summary>
    private async Task<int> SeedLedgerAsync(Random random, int years, AccountSettings settings)
    {
        var categories = await db.LedgerCategories.ToListAsync();
        var modes = await db.PaymentModes.ToListAsync();
        int Category(LedgerKind kind, string name) => categories.First(c => c.Kind == kind && c.Name == name).Id;
        int Mode(string name) => modes.First(m => m.Name == name).Id;
        var clients = await db.Clients.Where(c => c.Stage == ClientStage.Client || c.Stage == ClientStage.Archived)
            .Select(c => new { c.Id, c.Name, c.Currency }).ToListAsync();
        var home = settings.HomeCurrency;
        var today = settings.Today(clock);
        var now = clock.GetUtcNow();
        var count = 0;

        void Add(LedgerEntry entry, DateOnly date, decimal amount, string currency, decimal? rate, string description, int? category, int? mode)
        {
            entry.Record(date, amount, currency, rate, home);
            entry.Description = description;
            entry.CategoryId = category;
            entry.PaymentModeId = mode;
            entry.CreatedAt = now;
            db.LedgerEntries.Add(entry);
            count++;
        }

        var start = new DateOnly(today.Year, today.Month, 1).AddMonths(-(12 * years - 1));
        for (var month = start; month <= today; month = month.AddMonths(1))
        {
            var days = DateTime.DaysInMonth(month.Year, month.Month);
            DateOnly Day(int d) => new(month.Year, month.Month, Math.Min(d, days));
            var recent = today.DayNumber - month.DayNumber < 45;

            for (var d = 0; d < _profile.LedgerDensity; d++)
            for (var i = 0; i < random.Next(2, 6); i++)
            {
                var date = Day(random.Next(1, 29));
                if (date > today) continue;
                var client = clients.Count > 0 ? clients[random.Next(clients.Count)] : null;
                var foreign = client?.Currency is { } c && c != home;
                var amount = random.Next(8, 60) * 100m + (random.Next(4) == 0 ? 50m : 0m);
                var rate = foreign ? 0.85m + random.Next(0, 1000) / 10000m : (decimal?)null;
                var received = !recent || random.Next(2) == 0;
                Add(new Income { ClientId = client?.Id }, date, amount, foreign ? client!.Currency : home, rate,
                    $"Invoice {month:yyyyMM}-{i + 1}" + (client is null ? "" : $" · {client.Name}"),
                    Category(LedgerKind.Income, LedgerCategory.ClientClassification),
                    received ? Mode(random.Next(8) == 0 ? "PayPal" : "Bank") : null);
            }
            if (month.Month is 3 or 6 or 9 or 12)
                Add(new Income(), Day(28), Math.Round(random.Next(500, 4000) / 100m, 2), home, null, "Savings interest",
                    Category(LedgerKind.Income, "Interest"), Mode("Bank"));

            foreach (var (description, vendor, category, min, max) in MonthlyCosts)
            {
                var date = Day(3);
                if (date > today) continue;
                var amount = min == max ? min + 0.99m : random.Next(min * 100, max * 100) / 100m;
                Add(new Expense { Vendor = vendor }, date, amount, home, null, description, Category(LedgerKind.Expense, category), Mode(vendor == "ABN AMRO" ? "Bank" : "Card"));
            }
            for (var d = 0; d < _profile.LedgerDensity; d++)
            for (var i = 0; i < random.Next(2, 7); i++)
            {
                var (description, vendor, category, min, max) = OccasionalCosts[random.Next(OccasionalCosts.Length)];
                var date = Day(random.Next(1, 29));
                if (date > today) continue;
                var paid = !recent || random.Next(3) > 0;
                Add(new Expense { Vendor = vendor, Rechargeable = category == "Travel" && random.Next(3) == 0 }, date,
                    random.Next(min * 100, max * 100) / 100m, home, null, description, Category(LedgerKind.Expense, category),
                    paid ? Mode(random.Next(5) == 0 ? "Cash" : "Card") : null);
            }
            if (month.Month is 1 or 4 or 7 or 10 && Day(20) <= today)
                Add(new Expense { Vendor = "Belastingdienst" }, Day(20), random.Next(1500, 4500), home, null, "VAT and income tax prepayment",
                    Category(LedgerKind.Expense, "Taxes"), Mode("Bank"));
            if (month.Month == 12) await SaveBatchAsync(clear: true);
        }
        await SaveBatchAsync();
        return count;
    }
}

/// <summary>
/// How much the demo seeds per year of history. Standard is a small business; Heavy is a busy freelancer
/// (with 10 years: 320 clients, 1,020 projects, about 25,000 time entries, 2,000 invoices spread over the
/// years, about 50,000 ledger entries), saved in batches for speed.
/// </summary>
public sealed record DemoProfile(string Name, int ClientsPerYear, int ProjectsPerYear, int InvoicesPerYear,
    int? InvoiceSpreadDays, int LedgerDensity, bool Batched, bool BillsEveryMonth = false)
{
    public static readonly DemoProfile Standard = new("standard", 12, 10, 8, 75, 1, false);

    /// <summary>Invoices spread over every year (InvoiceSpreadDays null), the ledger 62 times as dense, past work billed and paid month by month.</summary>
    public static readonly DemoProfile Heavy = new("heavy", 32, 102, 200, null, 62, true, BillsEveryMonth: true);

    public static DemoProfile? Named(string name) =>
        name.ToLowerInvariant() switch { "standard" => Standard, "heavy" => Heavy, _ => null };
}
