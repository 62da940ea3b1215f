using Microsoft.Extensions.Hosting;
using Qlrf.Functions.Discovery;

DiscoveryApp.CreateBuilder(args).Build().Run();
