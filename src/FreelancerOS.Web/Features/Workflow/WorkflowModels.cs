using FluentValidation;
using FreelancerOS.Web.Domain;
using FreelancerOS.Web.Features.Invoices;
using FreelancerOS.Web.Features.Ledger;
using FreelancerOS.Web.Infrastructure;
using Microsoft.AspNetCore.Html;

namespace FreelancerOS.Web.Features.Workflow;

/// <summary>The grid's filter, bound from the query string (also read back from the page URL after an in-place edit).</summary>
public sealed class WorkflowFilter
{
    /// <summary>all (default), month, lastmonth, year, custom.</summary>
    public string? Period { get; set; }
    public DateOnly? From { get; set; }
    public DateOnly? To { get; set; }
    public int? Client { get; set; }
    public bool Unlinked { get; set; }

    /// <summary>yes (received), no (not received) or empty.</summary>
    public string? Received { get; set; }
    public string? Q { get; set; }
    public int Page { get; set; } = 1;

    public string EffectivePeriod => Period is "month" or "lastmonth" or "year" or "custom" ? Period : "all";

    public (DateOnly? From, DateOnly? To) Range(DateOnly today) =>
        new LedgerFilter { Period = EffectivePeriod, From = From, To = To }.Range(today);

    public IQueryable<Income> Apply(IQueryable<Income> query, int? clientCategoryId, DateOnly today) =>
        Narrow(query.Where(i => i.CategoryId == clientCategoryId), today);

    /// <summary>The same, with the category's id as a subquery (one statement fewer than reading it first).</summary>
    public IQueryable<Income> Apply(IQueryable<Income> query, IQueryable<int> clientCategoryId, DateOnly today) =>
        Narrow(query.Where(i => i.CategoryId == clientCategoryId.FirstOrDefault()), today);

    private IQueryable<Income> Narrow(IQueryable<Income> query, DateOnly today)
    {
        var (from, to) = Range(today);
        if (from is { } f) query = query.Where(i => i.Date >= f);
        if (to is { } t) query = query.Where(i => i.Date <= t);
        if (Client is { } c) query = query.Where(i => i.ClientId == c);
        if (Unlinked) query = query.Where(i => i.InvoiceId == null || i.ClientId == null || i.ProjectId == null);
        if (Received == "yes") query = query.Where(i => i.PaymentModeId != null);
        else if (Received == "no") query = query.Where(i => i.PaymentModeId == null);
        if (!string.IsNullOrWhiteSpace(Q))
        {
            var text = Q.Trim().ToLowerInvariant();
            query = query.Where(i => i.Description.ToLower().Contains(text));
        }
        return query;
    }

    public static WorkflowFilter FromQuery(IQueryCollection q)
    {
        static int? Int(string? s) => int.TryParse(s, out var v) ? v : null;
        static DateOnly? Date(string? s) => DateOnly.TryParseExact(s, "yyyy-MM-dd", out var d) ? d : null;
        return new WorkflowFilter
        {
            Period = q["period"], From = Date(q["from"]), To = Date(q["to"]), Client = Int(q["client"]),
            Unlinked = q["unlinked"].Any(v => v is "true" or "on"), Received = q["received"], Q = q["q"], Page = Int(q["page"]) ?? 1,
        };
    }
}

public sealed record WorkflowRow(
    int Id, DateOnly Date, string Description, decimal Amount, string Currency, int? InvoiceId, int? ClientId, int? ProjectId,
    int? ServiceId, int? PaymentModeId, int Version);

public sealed record InvoiceOption(int Id, string? Number, DateOnly IssueDate, int ClientId, string ClientName, string Currency, InvoiceStatus Status,
    decimal Total, decimal AmountPaid)
{
    public string Label => (Number ?? $"Draft {IssueDate:yyyy-MM-dd}") + $" – {ClientName} ({Status}, {Domain.Currency.Format(Total - AmountPaid, Currency)} open)";
}

public sealed record WorkClientOption(int Id, string Name, string Currency);

public sealed record WorkProjectOption(int Id, string Name, int ClientId);

public sealed record WorkServiceOption(int Id, string Name, int ProjectId);

/// <summary>The select options of the rows of one page, loaded once for the page (never per row).</summary>
public sealed record WorkflowOptions(
    IReadOnlyList<InvoiceOption> Invoices, IReadOnlyList<WorkClientOption> Clients, IReadOnlyList<WorkProjectOption> Projects,
    IReadOnlyList<WorkServiceOption> Services, IReadOnlyList<ModeOption> Modes)
{
    /// <summary>The row's own invoice, and the open ones in its currency (of its client when it has one).</summary>
    public IEnumerable<InvoiceOption> InvoicesFor(WorkflowRow r) => Invoices.Where(i => i.Id == r.InvoiceId
        || (i.Currency == r.Currency && (r.ClientId == null || i.ClientId == r.ClientId) && i.Status is InvoiceStatus.Draft or InvoiceStatus.Sent or InvoiceStatus.Overdue));

    public IEnumerable<WorkProjectOption> ProjectsFor(WorkflowRow r) => Projects.Where(p => p.Id == r.ProjectId || r.ClientId == null || p.ClientId == r.ClientId);

    /// <summary>
    /// The row's project's services, or without a project those of every project it may pick. The projects are
    /// gathered once per row: searching them again for each service cost 30 ms a page with a busy client list.
    /// </summary>
    public IEnumerable<WorkServiceOption> ServicesFor(WorkflowRow r)
    {
        if (r.ProjectId is { } p) return Services.Where(s => s.Id == r.ServiceId || s.ProjectId == p);
        var projects = ProjectsFor(r).Select(x => x.Id).ToHashSet();
        return Services.Where(s => s.Id == r.ServiceId || projects.Contains(s.ProjectId));
    }

    public string? InvoiceLabel(int? id) => Invoice(id)?.Label;

    private Dictionary<int, InvoiceOption>? _invoicesById;
    private Dictionary<int, WorkProjectOption>? _projectsById;
    private Dictionary<int, WorkServiceOption>? _servicesById;
    private Dictionary<int, ModeOption>? _modesById;

    public InvoiceOption? Invoice(int? id) =>
        id is { } key && (_invoicesById ??= Invoices.ToDictionary(i => i.Id)).TryGetValue(key, out var i) ? i : null;

    public WorkProjectOption? Project(int? id) =>
        id is { } key && (_projectsById ??= Projects.ToDictionary(p => p.Id)).TryGetValue(key, out var p) ? p : null;

    public WorkServiceOption? Service(int? id) =>
        id is { } key && (_servicesById ??= Services.ToDictionary(s => s.Id)).TryGetValue(key, out var s) ? s : null;

    public ModeOption? Mode(int? id) =>
        id is { } key && (_modesById ??= Modes.ToDictionary(m => m.Id)).TryGetValue(key, out var m) ? m : null;

    private string? _clientOptions;
    private Dictionary<int, WorkClientOption>? _clientsById;

    public WorkClientOption? Client(int? id) =>
        id is { } key && (_clientsById ??= Clients.ToDictionary(c => c.Id)).TryGetValue(key, out var c) ? c : null;

    /// <summary>
    /// Whose invoices, projects and services these lists hold: "all", or the ids of the page's clients (space-separated).
    /// The page sends it back with each in-place edit, so the returned row only relies on the page's lists when they hold
    /// what the row may pick (a row moved to a client that is not on the page gets its own full lists instead).
    /// </summary>
    public string Scope { get; init; } = "all";

    public static bool ScopeHolds(string? scope, WorkflowRow r) =>
        scope is { Length: > 0 } && (scope == "all" || r.ClientId is { } c && scope.Split(' ').Contains(c.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    /// <summary>
    /// Every client as options, encoded once per page and reused (the grid's shared list, the filter), with the chosen
    /// client marked, instead of running an option tag helper per client.
    /// </summary>
    public IHtmlContent ClientOptionsHtml(int? selected)
    {
        _clientOptions ??= OptionList.Html(Clients, c => c.Id, c => c.Name);
        return new HtmlString(selected is { } id
            ? _clientOptions.Replace($"<option value=\"{id}\">", $"<option value=\"{id}\" selected=\"selected\">", StringComparison.Ordinal)
            : _clientOptions);
    }

    /// <summary>
    /// The page's shared lists, one per kind, each option marked with what workflow.js matches against the row's
    /// data-client, data-currency and data-project (the same rules as <see cref="InvoicesFor"/>, <see cref="ProjectsFor"/>
    /// and <see cref="ServicesFor"/>). Only invoices a link can be made to: a row's own closed invoice is in its own select.
    /// </summary>
    public IHtmlContent InvoiceListHtml() => new HtmlString(OptionList.Html(
        Invoices.Where(i => i.Status is InvoiceStatus.Draft or InvoiceStatus.Sent or InvoiceStatus.Overdue), i => i.Id, i => i.Label,
        (i, b) => b.Append(" data-client=\"").Append(i.ClientId).Append("\" data-currency=\"").Append(OptionList.Encode(i.Currency)).Append('"')));

    public IHtmlContent ProjectListHtml() => new HtmlString(OptionList.Html(Projects, p => p.Id, p => p.Name,
        (p, b) => b.Append(" data-client=\"").Append(p.ClientId).Append('"')));

    public IHtmlContent ServiceListHtml() => new HtmlString(OptionList.Html(Services, s => s.Id, s => s.Name,
        (s, b) => b.Append(" data-project=\"").Append(s.ProjectId).Append("\" data-client=\"").Append(Project(s.ProjectId)?.ClientId).Append('"')));

    public IHtmlContent ModeListHtml() => new HtmlString(OptionList.Html(Modes, m => m.Id, m => m.Name));
}

/// <summary>Whose long lists the page asks for (<see cref="WorkflowOptions.Scope"/>): every client's, or those of a few clients.</summary>
public sealed record WorkflowScope(bool All, List<int> ClientIds)
{
    /// <summary>A page shows at most this many rows, so no honest scope names more clients.</summary>
    private const int MaxClients = 100;

    /// <summary>"all", or client ids separated by spaces; anything else names no client (an empty list, never an error).</summary>
    public static WorkflowScope Parse(string? scope) => scope?.Trim() == "all"
        ? new(true, [])
        : new(false, (scope ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(s => int.TryParse(s, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id) ? id : 0)
            .Where(id => id > 0).Distinct().Take(MaxClients).ToList());
}

public sealed record WorkflowTotal(string Currency, decimal Amount, decimal Received, int Count);

/// <summary>A row of the grid. Light: its invoice, project and service selects hold only their current choice and are filled from the page's shared lists.</summary>
public sealed record WorkflowRowView(WorkflowRow Row, WorkflowOptions Options, string ReturnUrl, string? Message = null, bool Saved = false, bool Light = false)
{
    public WorkflowRowsView AsRows() => new([Row], Options, ReturnUrl, Message, Saved, Light);
}

/// <summary>Rows of the grid as _Rows writes them: a page's (light), or the one row an in-place edit sends back.</summary>
public sealed record WorkflowRowsView(IReadOnlyList<WorkflowRow> Rows, WorkflowOptions Options, string ReturnUrl, string? Message = null, bool Saved = false, bool Light = false);

public sealed record WorkflowPage(WorkflowFilter Filter, Paged<WorkflowRow> Rows, IReadOnlyList<WorkflowTotal> Totals, WorkflowOptions Options, string ReturnUrl);

/// <summary>A row's links as posted by one cell of the grid or by the row edit page.</summary>
public sealed class WorkflowRowForm
{
    public int? InvoiceId { get; set; }
    public int? ClientId { get; set; }
    public int? ProjectId { get; set; }
    public int? ServiceId { get; set; }
    public int? PaymentModeId { get; set; }
    public int Version { get; set; }
    public string? ReturnUrl { get; set; }

    public IncomeLinkChange ToChange() => new(InvoiceId, ClientId, ProjectId, ServiceId, PaymentModeId);
}

/// <summary>"New client" / "new project" from a row: a name, and the row's version.</summary>
public sealed class WorkflowNameForm
{
    public string? Name { get; set; }
    public int Version { get; set; }
    public string? ReturnUrl { get; set; }
}

public sealed class WorkflowNameFormValidator : AbstractValidator<WorkflowNameForm>
{
    public WorkflowNameFormValidator()
    {
        RuleFor(f => f.Name).NotEmpty().WithMessage("Enter a name.").MaximumLength(200).WithMessage("At most 200 characters.");
    }
}

public sealed record WorkflowNamePage(WorkflowRow Row, WorkflowNameForm Form, string What, string? ClientName);
