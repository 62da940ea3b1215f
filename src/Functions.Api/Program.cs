using Microsoft.Extensions.Hosting;
using Qlrf.Functions.Api;

ApiApp.CreateBuilder(args).Build().Run();
