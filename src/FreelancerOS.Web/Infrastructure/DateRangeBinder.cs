using FreelancerOS.Web.Domain;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ModelBinding.Binders;

namespace FreelancerOS.Web.Infrastructure;

/// <summary>
/// Every DateOnly a form or a query string carries is read as usual, then refused outside 1900–2200
/// (<see cref="Limits"/>): 0001-01-01 or 9999-12-31 would be saved and later break a page that adds days
/// or months to it. A refused form field gets the message beside it; a refused filter is simply absent.
/// </summary>
public sealed class DateRangeBinder(IModelBinder inner) : IModelBinder
{
    public async Task BindModelAsync(ModelBindingContext context)
    {
        await inner.BindModelAsync(context);
        if (context.Result.IsModelSet && context.Result.Model is DateOnly date && !Limits.IsSaneDate(date))
        {
            context.ModelState.TryAddModelError(context.ModelName, Limits.DateMessage);
            context.Result = ModelBindingResult.Failed();
        }
    }

    public sealed class Provider : IModelBinderProvider
    {
        public IModelBinder? GetBinder(ModelBinderProviderContext context)
        {
            var type = context.Metadata.ModelType;
            if (type != typeof(DateOnly) && type != typeof(DateOnly?)) return null;
            var logs = context.Services.GetRequiredService<ILoggerFactory>();
            return new DateRangeBinder(new SimpleTypeModelBinder(type, logs));
        }
    }
}
