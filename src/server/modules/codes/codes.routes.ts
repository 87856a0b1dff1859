import { codeList, codeQuery } from '../../../shared/schemas/codes.ts';
import type { RouteRegistry } from '../../platform/http.ts';
import { codesPolicy } from './codes.policy.ts';
import { countyCodes, naicsCodes, searchCodes, socCodes } from './codes.service.ts';

const tags = ['codes'];
const strip = (items: { code: string; title: string }[]) => ({ items: items.map(({ code, title }) => ({ code, title })) });

export function registerCodeRoutes(r: RouteRegistry): void {
  r.add(
    {
      method: 'GET',
      url: '/codes/naics',
      access: codesPolicy.search,
      summary: 'Search NAICS 2022 industries',
      tags,
      query: codeQuery,
      response: codeList,
    },
    async ({ query }) => strip(searchCodes(naicsCodes(), query.q)),
  );
  r.add(
    {
      method: 'GET',
      url: '/codes/soc',
      access: codesPolicy.search,
      summary: 'Search SOC 2018 occupations',
      tags,
      query: codeQuery,
      response: codeList,
    },
    async ({ query }) => strip(searchCodes(socCodes(), query.q)),
  );
  r.add(
    {
      method: 'GET',
      url: '/codes/counties',
      access: codesPolicy.search,
      summary: 'Search US counties (FIPS)',
      tags,
      query: codeQuery,
      response: codeList,
    },
    async ({ query }) => strip(searchCodes(countyCodes(), query.q, 20, query.state)),
  );
}
