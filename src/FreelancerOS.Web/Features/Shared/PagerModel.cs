using Microsoft.AspNetCore.Http.Extensions;

namespace FreelancerOS.Web.Features.Shared;

/// <summary>Previous/next links that keep the current filter in the query string.</summary>
public sealed record PagerModel(int Page, int Pages, int Total, IQueryCollection Query)
{
    public string UrlFor(int page)
    {
        var qb = new QueryBuilder(Query.Where(kv => kv.Key != "page").SelectMany(kv => kv.Value.Select(v => new KeyValuePair<string, string>(kv.Key, v ?? ""))))
        {
            { "page", page.ToString(System.Globalization.CultureInfo.InvariantCulture) },
        };
        return qb.ToQueryString().Value ?? "";
    }
}
